// SHA-256 through OpenSSL's EVP interface.
#pragma once

#include <string_view>

#include "trygg/eventstore/types.h"

namespace trygg::eventstore {

Hash Sha256(std::string_view bytes);

}  // namespace trygg::eventstore
