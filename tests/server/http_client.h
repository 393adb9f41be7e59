// A blocking HTTP/1.1 client for tests of trygg-server's HTTP side port (Boost.Beast): one request
// per call on a new connection, or raw bytes for requests no well-behaved client sends.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace trygg::testing {

struct HttpReply {
  int status = 0;  // 0: no answer (refused, closed, or not HTTP)
  std::string content_type;
  std::string content_length;
  std::string allow;
  std::string body;
  std::string error;  // why there is no answer
};

// `method` `target` on `address` ("127.0.0.1:9464").
inline HttpReply HttpRequest(const std::string& address, const std::string& target,
                             boost::beast::http::verb method = boost::beast::http::verb::get) {
  namespace http = boost::beast::http;
  using tcp = boost::asio::ip::tcp;
  HttpReply reply;
  try {
    boost::asio::io_context ctx;
    tcp::resolver resolver(ctx);
    const std::size_t colon = address.rfind(':');
    boost::beast::tcp_stream stream(ctx);
    stream.connect(resolver.resolve(address.substr(0, colon), address.substr(colon + 1)));
    http::request<http::empty_body> request(method, target, 11);
    request.set(http::field::host, address);
    http::write(stream, request);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);  // a HEAD answer has a Content-Length and no body
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    const auto& response = parser.get();
    reply.status = static_cast<int>(response.result_int());
    reply.content_type = std::string(response[http::field::content_type]);
    reply.content_length = std::string(response[http::field::content_length]);
    reply.allow = std::string(response[http::field::allow]);
    reply.body = response.body();
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

// Sends `bytes` as they are on a new connection to `address` and returns everything the server
// writes back until it closes the connection.
inline std::string HttpRaw(const std::string& address, const std::string& bytes) {
  using tcp = boost::asio::ip::tcp;
  boost::asio::io_context ctx;
  tcp::resolver resolver(ctx);
  const std::size_t colon = address.rfind(':');
  tcp::socket socket(ctx);
  boost::system::error_code ec;
  boost::asio::connect(socket, resolver.resolve(address.substr(0, colon), address.substr(colon + 1)),
                       ec);
  if (ec) return "";
  boost::asio::write(socket, boost::asio::buffer(bytes), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  std::string answer;
  boost::asio::read(socket, boost::asio::dynamic_buffer(answer), ec);  // until EOF
  return answer;
}

}  // namespace trygg::testing
