// Paging by id, as ListMeasures, GetTraceability and GetWorkingGroupStatus page: a page token
// means "after this id" (page_token.h), so each matching measure that existed when paging started
// appears exactly once while measures are added.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "id_set.h"
#include "measure_views.h"
#include "page_token.h"
#include "trygg/domain/result.h"

namespace trygg::projections {

struct PageBounds {
  uint32_t max = 0;           // a larger page_size is INVALID_ARGUMENT
  uint32_t default_size = 0;  // the page size used for 0
};

// The page size a request's page_size means; INVALID_ARGUMENT naming page_size above the bound.
domain::Result<uint32_t> PageSizeOf(uint32_t page_size, PageBounds bounds);

// The id a request's page_token continues after ("" without a token: "" sorts before every id);
// INVALID_ARGUMENT naming page_token for one this code did not issue. `response` names where
// tokens come from, for the message ("a ListMeasures response").
domain::Result<std::string> PageStart(std::string_view page_token, std::string_view response);

// Feeds `add` the entries of `ids` after the id `after` that `matches` accepts, in id order, at
// most `page_size` of them; returns the next page's token, empty when no match is left. One match
// past a full page decides whether there is a next page, so the last page has no token and a
// client never fetches an empty page.
template <typename Matches, typename Add>
std::string Page(const IdSet& ids, std::string_view after, uint32_t page_size, Matches matches,
                 Add add) {
  uint32_t taken = 0;
  std::string_view last;
  for (auto it = ids.upper_bound(IdKey::Of(after)); it != ids.end(); ++it) {
    const MeasureEntry& entry = *it->second;
    if (!matches(entry)) continue;
    if (taken == page_size) return EncodePageToken(last);
    add(entry);
    last = it->first.id;
    ++taken;
  }
  return std::string();
}

}  // namespace trygg::projections
