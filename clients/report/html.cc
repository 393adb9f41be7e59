// To be written.
#include "report/document.h"
