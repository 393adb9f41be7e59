// Fuzzes trygg-server's config file reader (services/server/config_file.h): toml++ parses, and
// trygg's code maps what it parsed to entries, refuses what trygg-server has no use for and puts
// toml++'s errors on their lines. Any text is either refused with a line inside it and a reason,
// or read as entries on ascending lines with unique keys; and every value read, quoted as
// --print-config quotes it, reads back as itself.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "config_file.h"
#include "trygg/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace trygg::server;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  int lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  const auto parsed = ParseConfigText(text);
  if (const auto* error = std::get_if<ConfigFileError>(&parsed)) {
    TRYGG_CHECK(error->line >= 1 && error->line <= lines && !error->reason.empty(),
                "a refusal names a line of the text and a reason");
    return 0;
  }
  int last = 0;
  std::set<std::string> keys;
  for (const ConfigEntry& entry : std::get<std::vector<ConfigEntry>>(parsed)) {
    TRYGG_CHECK(entry.line > last && entry.line <= lines, "entries on ascending lines of the text");
    last = entry.line;
    TRYGG_CHECK(keys.insert(entry.key).second, "keys are given once");
    const auto back = ParseConfigText("key = " + QuoteConfigString(entry.value) + "\n");
    const auto* entries = std::get_if<std::vector<ConfigEntry>>(&back);
    TRYGG_CHECK(entries != nullptr && entries->size() == 1 && entries->front().value == entry.value,
                "a value read, quoted as --print-config quotes it, reads back as itself");
  }
  return 0;
}
