#include "paging.h"

#include <optional>

namespace trygg::projections {

domain::Result<uint32_t> PageSizeOf(uint32_t page_size, PageBounds bounds) {
  if (page_size > bounds.max) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "page_size: at most " + std::to_string(bounds.max) + " (0 means " +
                            std::to_string(bounds.default_size) + "), not " +
                            std::to_string(page_size));
  }
  return page_size == 0 ? bounds.default_size : page_size;
}

domain::Result<std::string> PageStart(std::string_view page_token, std::string_view response) {
  if (page_token.empty()) return std::string();
  std::optional<std::string> after = DecodePageToken(page_token);
  if (!after) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "page_token: not a page token from " + std::string(response));
  }
  return *std::move(after);
}

}  // namespace trygg::projections
