// Printable UTF-8 and the request checks (limits at their boundaries are in limits_test.cc).
#include "validate.h"

#include <gtest/gtest.h>

#include "testutil/status_matchers.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

TEST(IsPrintableUtf8, AcceptsSwedishAndOtherScripts) {
  EXPECT_TRUE(IsPrintableUtf8("plan-tryggare-värnamo"));
  EXPECT_TRUE(IsPrintableUtf8("Åtgärd för ökad trygghet"));
  EXPECT_TRUE(IsPrintableUtf8("日本語 \xF0\x9F\x98\x80"));  // 3- and 4-byte sequences
  EXPECT_TRUE(IsPrintableUtf8(""));
}

TEST(IsPrintableUtf8, RejectsControlCharacters) {
  EXPECT_FALSE(IsPrintableUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsPrintableUtf8("tab\there"));
  EXPECT_FALSE(IsPrintableUtf8("new\nline"));
  EXPECT_FALSE(IsPrintableUtf8("del\x7f"));
  EXPECT_FALSE(IsPrintableUtf8("c1\xC2\x85"));  // U+0085 NEXT LINE
}

TEST(IsPrintableUtf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsPrintableUtf8("\xff"));
  EXPECT_FALSE(IsPrintableUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsPrintableUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsPrintableUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsPrintableUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsPrintableUtf8("\xE2\x82"));          // truncated 3-byte
  EXPECT_FALSE(IsPrintableUtf8("a\x80z"));            // lone continuation byte
}

TEST(ValidateAppend, NamesTheOffendingField) {
  AppendRequest r{"s", ExpectedVersion::Any(), {EventData{"t", "p", {}}, EventData{"", "p", {}}}, ""};
  Status s = ValidateAppend(r);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("events[1].type"), std::string::npos) << s.message();

  r.events[1].type = "t";
  r.events[0].metadata.extra = {{"k", std::string(5000, 'x')}};
  s = ValidateAppend(r);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("events[0].metadata[k]"), std::string::npos) << s.message();

  r.events[0].metadata.extra.clear();
  EXPECT_THAT(ValidateAppend(r), IsOk());
}

TEST(AppendBytes, CountsTypesPayloadsAndMetadata) {
  AppendRequest r{"stream-not-counted", ExpectedVersion::Any(),
                  {EventData{"ab", "cde", {"p", "ag", "cmd", {{"k", "vv"}}}}}, "key-not-counted"};
  EXPECT_EQ(AppendBytes(r), 2u + 3 + 1 + 2 + 3 + 1 + 2);
}

}  // namespace
}  // namespace trygg::eventstore
