// trygg-server's configuration: flags, optionally read from a config file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "trygg/domain/today.h"

namespace trygg::server {

// How many of the last records `--verify-on-start tail` walks (with the head and the link into
// them): a few milliseconds at any log size.
inline constexpr uint64_t kVerifyOnStartRecords = 1000;

// The largest request the server receives: one append's worth of data plus framing. gRPC refuses a
// larger one with RESOURCE_EXHAUSTED before any service sees it.
inline constexpr int kMaxReceiveMessageBytes = (4 << 20) + (64 << 10);

struct Config {
  std::string listen = "127.0.0.1:50051";    // host:port; port 0 picks a free one
  std::filesystem::path data = "var/trygg";  // the event store directory
  std::filesystem::path tokens;              // token file; required unless allow_anonymous
  bool allow_anonymous = false;              // development only: no authentication at all
  // The IANA time zone whose date is "today" for overdue measures; trygg-audit's --time-zone
  // must name the same zone for `compare` to agree.
  std::string time_zone = std::string(domain::kDefaultTimeZone);

  // TLS on the listening port: both tls_cert and tls_key, or neither (plaintext, for loopback
  // use; bearer tokens then travel in clear text). Read once, at start.
  std::filesystem::path tls_cert;       // PEM certificate chain, the server's certificate first
  std::filesystem::path tls_key;        // PEM private key of that certificate, unencrypted
  std::filesystem::path tls_client_ca;  // PEM CA bundle; when set, clients must present a
                                        // certificate signed by one of these CAs (mutual TLS)

  // What the server verifies of the event store before it serves: "tail" (the head and the last
  // kVerifyOnStartRecords records, their index entries and the link into them) or "full" (every
  // record and the whole stream index, as 'trygg-audit verify' does). A damaged store stops the
  // start.
  std::string verify_on_start = "tail";

  // Per-principal limits (api/limits.h); 0 is no limit. Exceeding one is RESOURCE_EXHAUSTED.
  uint32_t max_streams_per_principal = 16;              // Subscribe, ReadStream, ReadAll open
  uint32_t max_writes_per_second_per_principal = 1000;  // write commands, on average
  uint32_t write_burst_per_principal = 2000;            // write commands at once after idling

  // The HTTP side port (/metrics, /healthz, /readyz): host:port (port 0 picks a free one), or
  // "none" for no HTTP port at all.
  std::string http = "127.0.0.1:9464";

  // The server's log on stderr: "text" (one line of key=value pairs per record) or "json" (one
  // object per line); records below log_level ("debug", "info", "warn", "error") are left out.
  std::string log_format = "text";
  std::string log_level = "info";

  // Field by field: what tests/server/flags_test compares a flag and its config-file key by.
  bool operator==(const Config&) const = default;
};

}  // namespace trygg::server
