// HttpServer (services/server/http_server.h) on a real loopback socket: the routes answer GET and
// HEAD, anything else is 404 or 405, an oversized request or one with a body is refused, keep-alive,
// and a port in use is an error that names the address.
#include "http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "http_client.h"

namespace trygg::server {
namespace {

using ::trygg::testing::HttpRaw;
using ::trygg::testing::HttpReply;
using ::trygg::testing::HttpRequest;
namespace http = boost::beast::http;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = HttpServer::Start(
        "127.0.0.1:0", {{"/hello", [this] {
                           ++calls_;
                           return HttpServer::Response{200, "text/plain; version=0.0.4", "hello\n"};
                         }},
                        {"/down", [] { return HttpServer::Response{503, "text/plain", "no\n"}; }}});
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<HttpServer>>(started))
        << std::get<std::string>(started);
    server_ = std::move(std::get<std::unique_ptr<HttpServer>>(started));
    address_ = "127.0.0.1:" + std::to_string(server_->port());
  }

  std::atomic<int> calls_{0};
  std::unique_ptr<HttpServer> server_;
  std::string address_;
};

TEST_F(HttpServerTest, AnswersGetWithTheHandlersResponse) {
  const HttpReply reply = HttpRequest(address_, "/hello");
  EXPECT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4");
  EXPECT_EQ(reply.body, "hello\n");
  EXPECT_EQ(HttpRequest(address_, "/down").status, 503);
  EXPECT_EQ(HttpRequest(address_, "/hello?query=ignored").status, 200);
}

TEST_F(HttpServerTest, HeadHasTheSameHeaderAndNoBody) {
  const HttpReply reply = HttpRequest(address_, "/hello", http::verb::head);
  EXPECT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.content_length, "6");
  EXPECT_EQ(reply.body, "");
  // Nothing follows the header: the raw answer ends with the blank line.
  const std::string raw = HttpRaw(address_, "HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(raw.ends_with("\r\n\r\n")) << raw;
}

TEST_F(HttpServerTest, AnUnknownPathIs404) {
  EXPECT_EQ(HttpRequest(address_, "/nothing").status, 404);
  EXPECT_EQ(HttpRequest(address_, "/hello/more").status, 404);
}

TEST_F(HttpServerTest, AnotherMethodIs405AndRunsNoHandler) {
  for (const http::verb method : {http::verb::post, http::verb::put, http::verb::delete_}) {
    const HttpReply reply = HttpRequest(address_, "/hello", method);
    EXPECT_EQ(reply.status, 405) << reply.error;
    EXPECT_EQ(reply.allow, "GET, HEAD");
  }
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, AnOversizedHeaderIs431AndClosesTheConnection) {
  const std::string big(2 * kMaxHttpHeaderBytes, 'a');
  const std::string raw =
      HttpRaw(address_, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 431 ")) << raw.substr(0, 200);
  EXPECT_EQ(calls_, 0);
  // A header just under the limit is answered.
  const std::string fits(kMaxHttpHeaderBytes / 2, 'a');
  EXPECT_TRUE(HttpRaw(address_, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + fits +
                                    "\r\nConnection: close\r\n\r\n")
                  .starts_with("HTTP/1.1 200 "));
}

TEST_F(HttpServerTest, ABodyIs413AndAMalformedRequest400) {
  const std::string with_body =
      HttpRaw(address_, "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_TRUE(with_body.starts_with("HTTP/1.1 413 ")) << with_body;
  const std::string malformed = HttpRaw(address_, "GARBAGE\r\n\r\n");
  EXPECT_TRUE(malformed.starts_with("HTTP/1.1 400 ")) << malformed;
  EXPECT_EQ(calls_, 0);
}

TEST_F(HttpServerTest, KeepsTheConnectionAliveForTheNextRequest) {
  const std::string raw = HttpRaw(address_,
                                  "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                                  "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t answers = 0;
  for (std::size_t at = raw.find("HTTP/1.1 200 "); at != std::string::npos;
       at = raw.find("HTTP/1.1 200 ", at + 1)) {
    ++answers;
  }
  EXPECT_EQ(answers, 2u) << raw;
  EXPECT_EQ(calls_, 2);
}

TEST_F(HttpServerTest, APortInUseIsAnErrorNamingTheAddress) {
  auto second = HttpServer::Start(address_, {});
  ASSERT_TRUE(std::holds_alternative<std::string>(second));
  const std::string& error = std::get<std::string>(second);
  EXPECT_NE(error.find("cannot listen on " + address_), std::string::npos) << error;
  EXPECT_NE(error.find("in use"), std::string::npos) << error;
  // The first one still answers.
  EXPECT_EQ(HttpRequest(address_, "/hello").status, 200);
}

TEST(HttpServerAddressTest, ANonAddressIsAnError) {
  for (const std::string address : {"no-port", "256.1.1.1:80", "127.0.0.1:http-ish"}) {
    auto started = HttpServer::Start(address, {});
    EXPECT_TRUE(std::holds_alternative<std::string>(started)) << address;
  }
}

}  // namespace
}  // namespace trygg::server
