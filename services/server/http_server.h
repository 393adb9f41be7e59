// HttpServer: trygg-server's HTTP side port (/metrics, /healthz, /readyz), a small HTTP/1.1
// server on Boost.Beast with its own io_context and thread, separate from gRPC, so that it answers
// while the store opens and verifies, and while the gRPC server shuts down.
//
// It serves GET and HEAD of a fixed set of paths, each answered by a handler (run on the server's
// thread, so it must be quick and must not block); anything else is 405 (another method) or 404
// (another path). A request is its header only: more than kMaxHttpHeaderBytes is 431, a body is
// 413, a malformed request 400, each closing the connection. A connection that sends nothing for
// kHttpReadTimeout is closed; keep-alive otherwise. At most kMaxHttpConnections are open at once;
// one more is closed at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>

namespace trygg::server {

inline constexpr std::size_t kMaxHttpHeaderBytes = 8 << 10;
inline constexpr auto kHttpReadTimeout = std::chrono::seconds(10);
inline constexpr std::size_t kMaxHttpConnections = 64;

class HttpServer {
 public:
  struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
  };
  using Handler = std::function<Response()>;

  // Listens on `address` ("host:port", "[v6]:port"; port 0 picks a free one) and serves `routes`
  // (path → handler) until destroyed. The error says why it cannot listen.
  static std::variant<std::unique_ptr<HttpServer>, std::string> Start(
      const std::string& address, std::map<std::string, Handler> routes);
  // Stops listening, closes every connection and joins the thread.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually listened on (the chosen one for port 0).
  int port() const;

 private:
  class Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trygg::server
