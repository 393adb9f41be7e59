#include "report/render.h"

namespace trygg::report {

std::string Render(const Document& document, Format format, std::string* error) {
  switch (format) {
    case Format::kMarkdown: return RenderMarkdown(document);
    case Format::kCsv: return RenderCsv(document);
    case Format::kHtml: return RenderHtml(document);
    case Format::kXlsx: return RenderXlsx(document, error);
  }
  return {};
}

}  // namespace trygg::report
