// The running trygg-server: the event store, the gRPC server with its services, and orderly
// shutdown. Owns everything it starts.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "config.h"
#include "log.h"

namespace trygg::server {

class Server {
 public:
  // Opens the store and starts serving, logging to `log` (which must outlive the server): its
  // store's work, every call, and "ready" once it serves. The error says what failed (TLS file,
  // store, token file, port). With config.http not "none", the HTTP side port (/metrics, /healthz,
  // /readyz) listens first, before the store opens, and `on_http` gets its address
  // ("127.0.0.1:9464", with the chosen port for port 0) at once.
  static std::variant<std::unique_ptr<Server>, std::string> Start(
      const Config& config, const Logger& log,
      const std::function<void(const std::string&)>& on_http = {});
  // Shutdown() if not done yet.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The address actually listened on, e.g. "127.0.0.1:50051" (with the chosen port for port 0).
  const std::string& address() const;
  // Stops accepting calls, lets in-flight calls finish (up to a grace period), then closes the
  // store. Idempotent; any thread.
  void Shutdown();
  // Blocks until Shutdown() has completed.
  void Wait();

  // Reads the token file again (SIGHUP) and logs the outcome ("reload"). A file that does not
  // load leaves the tokens loaded before in force, and the warning says why.
  void ReloadTokens();

  struct State;  // everything the server runs (server.cc)

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace trygg::server
