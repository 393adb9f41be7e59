// trygg-server's configuration: flags, optionally read from a config file.
#pragma once

#include <filesystem>
#include <string>

namespace trygg::server {

struct Config {
  std::string listen = "127.0.0.1:50051";    // host:port; port 0 picks a free one
  std::filesystem::path data = "var/trygg";  // the event store directory
  std::filesystem::path tokens;              // token file; required unless allow_anonymous
  bool allow_anonymous = false;              // development only: no authentication at all
};

}  // namespace trygg::server
