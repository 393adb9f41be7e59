// Fuzzes the clients' config file ($XDG_CONFIG_HOME/trygg/config, clients/common/settings.h), the
// configuration trygg parses with its own code from text: ParseConfigFile, then Resolve over what
// it read, as every client does at start. (trygg-server's --config file is read by CLI11.)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/settings.h"
#include "trygg/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace trygg::client;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  SettingLayer file;
  const Outcome parsed = ParseConfigFile(text, "/fuzz/config", &file);
  if (!parsed.ok()) {
    TRYGG_CHECK(parsed.code() == ExitCode::kUsage && !parsed.message().empty(),
                "a bad config file is a usage error that says why");
    return 0;
  }
  Settings settings;
  const Outcome resolved = Resolve(SettingLayer(), SettingLayer(), file, &settings);
  TRYGG_CHECK(resolved.ok() || resolved.code() == ExitCode::kUsage,
              "a bad value in the config file is a usage error");
  return 0;
}
