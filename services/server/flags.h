// trygg-server's serve flags: the one list of them, which --help, the config file (--config) and
// --print-config all read. Every serve flag is also a config-file key, its long name without the
// dashes (--max-streams-per-principal N is `max-streams-per-principal = N`); flags on the command
// line win over the file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace trygg::server {

class ServeFlags {
 public:
  // Adds to `app` the serve flags, each bound to its field of `config`, then --config FILE and
  // --print-config. `app` and `config` must outlive this.
  ServeFlags(CLI::App& app, Config& config);

  // After app.parse(): when --config named a file, reads it and sets each key's flag, unless the
  // command line gave that flag (the file's value is still checked). "" when every key was taken;
  // else why not, as "FILE:LINE: REASON" (or "FILE: REASON" for the file as a whole), and the
  // caller must not serve: part of the file may have been applied.
  std::string ApplyConfigFile();

  bool print_config() const { return print_config_; }

  // After ApplyConfigFile(): the effective configuration as a config file that trygg-server reads
  // back, one line per serve flag, `key = value  # SOURCE` where SOURCE is "default", "FILE:LINE"
  // or "command line". Holds what the flags hold: paths and settings, never a file's content.
  std::string PrintConfig() const;

  // The serve flags, in --help's order.
  const std::vector<CLI::Option*>& options() const { return options_; }

 private:
  CLI::Option* Find(const std::string& key) const;

  std::vector<CLI::Option*> options_;
  std::string config_file_;
  bool print_config_ = false;
  std::map<const CLI::Option*, std::string> from_file_;  // "FILE:LINE" of each key the file set
};

// A serve flag's config-file key: its long name without the dashes ("listen" for --listen).
std::string ConfigKey(const CLI::Option& option);

}  // namespace trygg::server
