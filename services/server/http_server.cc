#include "http_server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>
#include <utility>

namespace trygg::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

}  // namespace

class HttpServer::Impl {
 public:
  explicit Impl(std::map<std::string, Handler> routes)
      : routes_(std::move(routes)), acceptor_(ctx_), work_(ctx_.get_executor()) {}

  // Pending handlers (the accept, each connection's read or write) are destroyed with ctx_, and
  // their sessions and sockets with them.
  ~Impl() {
    ctx_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string Listen(const std::string& address) {
    const std::size_t colon = address.rfind(':');
    if (colon == std::string::npos) return "not host:port";
    std::string host = address.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    beast::error_code ec;
    tcp::resolver resolver(ctx_);
    const auto endpoints = resolver.resolve(
        host, address.substr(colon + 1),
        tcp::resolver::passive | tcp::resolver::numeric_service | tcp::resolver::address_configured,
        ec);
    if (ec || endpoints.empty()) return ec ? ec.message() : "no such address";
    const tcp::endpoint endpoint = *endpoints.begin();
    // reuse_address: a restart binds the port again while the last run's connections linger in
    // TIME_WAIT; Linux still refuses a second listener on it.
    if (acceptor_.open(endpoint.protocol(), ec) ||
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec) ||
        acceptor_.bind(endpoint, ec) ||
        acceptor_.listen(asio::socket_base::max_listen_connections, ec)) {
      return ec.message();
    }
    port_ = acceptor_.local_endpoint(ec).port();
    Accept();
    thread_ = std::thread([this] { ctx_.run(); });
    return "";
  }

  int port() const { return port_; }

 private:
  class Session;

  void Accept();

  Response Answer(const http::request<http::empty_body>& request) const {
    const std::string_view target(request.target().data(), request.target().size());
    const auto route = routes_.find(std::string(target.substr(0, target.find('?'))));
    if (route == routes_.end()) return {404, "text/plain; charset=utf-8", "not found\n"};
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      return {405, "text/plain; charset=utf-8", "only GET and HEAD\n"};
    }
    return route->second();
  }

  const std::map<std::string, Handler> routes_;
  std::size_t connections_ = 0;  // the thread's only
  int port_ = 0;
  asio::io_context ctx_;
  tcp::acceptor acceptor_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

// One connection: reads a request, writes its answer, and again while the client keeps it alive.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), buffer_(kMaxHttpHeaderBytes) {
    ++server_.connections_;
  }
  ~Session() { --server_.connections_; }

  void Read() {
    parser_.emplace();
    parser_->header_limit(kMaxHttpHeaderBytes);
    stream_.expires_after(kHttpReadTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->OnRead(ec);
                     });
  }

 private:
  void OnRead(beast::error_code ec) {
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      return Write({431, "text/plain; charset=utf-8", "request header too large\n"}, false, false);
    }
    if (ec == http::error::unexpected_body || ec == http::error::body_limit) {
      return Write({413, "text/plain; charset=utf-8", "a request here has no body\n"}, false,
                   false);
    }
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return Write({400, "text/plain; charset=utf-8", "malformed request\n"}, false, false);
    }
    if (ec) return;  // closed, reset or timed out: the connection goes with this session
    const http::request<http::empty_body>& request = parser_->get();
    Write(server_.Answer(request), request.method() == http::verb::head, request.keep_alive());
  }

  void Write(Response answer, bool head, bool keep_alive) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    response_.set(http::field::content_type, answer.content_type);
    if (answer.status == 405) response_.set(http::field::allow, "GET, HEAD");
    response_.keep_alive(keep_alive);
    response_.body() = std::move(answer.body);
    response_.prepare_payload();
    // HEAD: the same header (Content-Length of what GET would send), no body.
    if (head) response_.body().clear();
    stream_.expires_after(kHttpReadTimeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        if (ec) return;
                        if (keep_alive) {
                          self->Read();
                        } else {
                          self->stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
                          self->Drain();
                        }
                      });
  }

  // After the last answer: reads and drops what the client still sends until it closes (or the
  // timeout), because closing a socket with unread data resets the connection, and the client
  // might lose the answer (a 431's) before reading it.
  void Drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(buffer_.max_size()),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->Drain();
                            });
  }

  Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  http::response<http::string_body> response_;
};

void HttpServer::Impl::Accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;  // closed at shutdown
    if (!ec && connections_ < kMaxHttpConnections) {
      std::make_shared<Session>(*this, std::move(socket))->Read();
    }
    Accept();
  });
}

std::variant<std::unique_ptr<HttpServer>, std::string> HttpServer::Start(
    const std::string& address, std::map<std::string, Handler> routes) {
  auto impl = std::make_unique<Impl>(std::move(routes));
  if (std::string error = impl->Listen(address); !error.empty()) {
    return "cannot listen on " + address + ": " + error;
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;
int HttpServer::port() const { return impl_->port(); }

}  // namespace trygg::server
