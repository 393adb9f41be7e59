// JsonObject: one writer for the clients' JSON documents, indented (trygg) or on one line
// (trygg-audit).
#include "common/json.h"

#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

namespace trygg::client {
namespace {

google::protobuf::Value Number(double n) {
  google::protobuf::Value value;
  value.set_number_value(n);
  return value;
}

TEST(JsonObjectTest, CompactIsOneLineInTheOrderAdded) {
  JsonObject nested(JsonObject::Layout::kCompact);
  nested.AddNumber("n", 7);
  JsonObject out(JsonObject::Layout::kCompact);
  out.AddString("s", "a \"quoted\"\nline")
      .AddNumber("big", 18446744073709551615u)
      .AddBool("yes", true)
      .AddBool("no", false)
      .AddNull("none")
      .AddRaw("nested", nested.Finish())
      .AddArray("list", {"1", "\"two\""})
      .AddArray("empty", {})
      .AddMessage("message", Number(1.5));
  EXPECT_EQ(out.Finish(),
            R"({"s":"a \"quoted\"\nline","big":18446744073709551615,"yes":true,"no":false,)"
            R"("none":null,"nested":{"n":7},"list":[1,"two"],"empty":[],"message":1.5})");
  EXPECT_EQ(JsonObject(JsonObject::Layout::kCompact).Finish(), "{}");
}

TEST(JsonObjectTest, EscapesControlCharactersAndKeepsUtf8) {
  JsonObject out(JsonObject::Layout::kCompact);
  out.AddString("t", "V\xC3\xA4rnamo \x1b[31m");
  const std::string json = out.Finish();
  EXPECT_NE(json.find("V\xC3\xA4rnamo"), std::string::npos) << json;
  EXPECT_EQ(json.find('\x1b'), std::string::npos) << json;
}

TEST(JsonObjectTest, IndentedNestsMessagesOneLevelDeeper) {
  google::protobuf::Struct message;
  (*message.mutable_fields())["a"] = Number(1);
  JsonObject out;
  out.AddString("command_id", "c-1").AddMessage("reply", message);
  out.AddMessages("list", {&message});
  out.AddMessages("none", {});
  EXPECT_EQ(out.Finish(),
            "{\n"
            " \"command_id\": \"c-1\",\n"
            " \"reply\": {\n"
            "  \"a\": 1\n"
            " },\n"
            " \"list\": [\n"
            "  {\n"
            "   \"a\": 1\n"
            "  }\n"
            " ],\n"
            " \"none\": []\n"
            "}\n");
}

TEST(JsonObjectTest, MessageJsonIsPrettyOrOneLine) {
  EXPECT_EQ(MessageJson(Number(2), false), "2");
  EXPECT_EQ(MessageJson(Number(2), true), "2\n");
}

}  // namespace
}  // namespace trygg::client
