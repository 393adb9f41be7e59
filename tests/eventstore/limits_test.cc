// Every limit in limits.h at its boundary: exactly at the limit is accepted, one over is
// kInvalidArgument naming the field, and a rejected append writes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A printable rendering of arbitrary bytes for failure messages.
std::string Escaped(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kDigits[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore(dir_.path());
    ASSERT_NE(store_, nullptr);
    // One event already there, so "nothing written" is checked against a non-empty log.
    Result<AppendResult> r = store_->Append(Request("existing"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    head_ = store_->Head();
  }

  void ExpectAccepted(AppendRequest request) {
    const std::string stream = request.stream_id;
    const std::size_t events = request.events.size();
    Result<AppendResult> r = store_->Append(std::move(request));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->last_position.value() - r->first_position.value() + 1, events);
    EXPECT_EQ(store_->StreamHead(stream)->value(), r->stream_version.value());
    head_ = store_->Head();
    EXPECT_EQ(head_.position.value(), r->last_position.value());
  }

  // Rejected with kInvalidArgument, a message mentioning one of `words` (case-insensitive),
  // and nothing written.
  void ExpectRejected(AppendRequest request, const std::vector<std::string>& words) {
    const std::string stream = request.stream_id;
    const StreamVersion stream_before = *store_->StreamHead(stream);
    Result<AppendResult> r = store_->Append(std::move(request));
    ASSERT_FALSE(r.ok()) << "accepted, wrote positions " << r->first_position.value() << ".."
                         << r->last_position.value();
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
    const std::string message = Lower(r.status().message());
    bool named = false;
    std::string wanted;
    for (const std::string& word : words) {
      named = named || message.find(Lower(word)) != std::string::npos;
      wanted += " '" + word + "'";
    }
    EXPECT_TRUE(named) << "message \"" << r.status().message() << "\" names none of" << wanted;
    EXPECT_TRUE(store_->Head() == head_) << "a rejected append moved the head";
    EXPECT_EQ(store_->StreamHead(stream)->value(), stream_before.value());
  }

  TempDir dir_;
  std::unique_ptr<EventStore> store_;
  LogHead head_;
};

// --- stream id ---

TEST_F(LimitsTest, StreamIdAtMaxBytesIsAccepted) {
  ExpectAccepted(Request(std::string(kMaxStreamIdBytes, 's')));
  // Counted in bytes, not characters: 100 two-byte characters.
  std::string swedish;
  for (int i = 0; i < 100; ++i) swedish += "ä";
  ASSERT_EQ(swedish.size(), kMaxStreamIdBytes);
  ExpectAccepted(Request(swedish));
}

TEST_F(LimitsTest, StreamIdOverMaxBytesIsRejected) {
  ExpectRejected(Request(std::string(kMaxStreamIdBytes + 1, 's')), {"stream"});
  std::string swedish;
  for (int i = 0; i < 100; ++i) swedish += "ä";
  ExpectRejected(Request(swedish + "a"), {"stream"});
}

TEST_F(LimitsTest, EmptyStreamIdIsRejected) { ExpectRejected(Request(""), {"stream"}); }

TEST_F(LimitsTest, PrintableUtf8StreamIdsAreAccepted) {
  for (const std::string& id : {std::string("plan-åäö"), std::string("PLAN-ÅÄÖ"),
                                std::string("a"), std::string("plan:tryggare/värnamo 2026"),
                                std::string("日本語"), std::string("emoji-\xF0\x9F\x98\x80"),
                                std::string("~!@#$%^&*()_+{}|:\"<>?")}) {
    SCOPED_TRACE(Escaped(id));
    ExpectAccepted(Request(id));
  }
}

struct BadId {
  const char* what;
  std::string bytes;
};

class StreamIdRejectedTest : public LimitsTest, public ::testing::WithParamInterface<BadId> {};

TEST_P(StreamIdRejectedTest, IsInvalidArgument) {
  SCOPED_TRACE(Escaped(GetParam().bytes));
  ExpectRejected(Request(GetParam().bytes), {"stream"});
}

INSTANTIATE_TEST_SUITE_P(
    LimitsTest, StreamIdRejectedTest,
    ::testing::Values(BadId{"Newline", "a\nb"}, BadId{"Tab", "a\tb"}, BadId{"Soh", "\x01plan"},
                      BadId{"Escape", "plan\x1b[0m"}, BadId{"Del", "plan\x7f"},
                      BadId{"Nul", std::string("a\0b", 3)}, BadId{"OnlyNul", std::string(1, '\0')},
                      BadId{"InvalidByteFF", "plan-\xff"}, BadId{"LoneContinuation", "\x80plan"},
                      BadId{"TruncatedSequence", "plan-\xc3"},
                      BadId{"OverlongSlash", "plan\xc0\xaf"},
                      BadId{"Surrogate", "plan\xed\xa0\x80"},
                      BadId{"BeyondU10FFFF", "plan\xf4\x90\x80\x80"},
                      BadId{"C1ControlNel", "plan\xc2\x85"},
                      BadId{"C1ControlCsi", "plan\xc2\x9b"}),
    [](const ::testing::TestParamInfo<BadId>& param_info) { return std::string(param_info.param.what); });

// --- event type ---

TEST_F(LimitsTest, EventTypeAtMaxBytesIsAccepted) {
  ExpectAccepted(Request("s", {Event(std::string(kMaxEventTypeBytes, 't'))}));
}

TEST_F(LimitsTest, EventTypeOverMaxBytesIsRejected) {
  ExpectRejected(Request("s", {Event(std::string(kMaxEventTypeBytes + 1, 't'))}), {"type"});
}

TEST_F(LimitsTest, EmptyEventTypeIsRejected) {
  ExpectRejected(Request("s", {Event("")}), {"type"});
  // Also when it is not the first event of the append.
  ExpectRejected(Request("s", {Event("ok"), Event("ok"), Event("")}), {"type"});
}

TEST_F(LimitsTest, NonPrintableEventTypeIsRejected) {
  ExpectRejected(Request("s", {Event("t\n")}), {"type"});
  ExpectRejected(Request("s", {Event(std::string("t\0u", 3))}), {"type"});
  ExpectRejected(Request("s", {Event("t\xff")}), {"type"});
  ExpectAccepted(Request("s", {Event("trygg.v1.ÅtgärdFöreslagen")}));
}

// --- payload ---

TEST_F(LimitsTest, PayloadAtMaxBytesIsAccepted) {
  ExpectAccepted(Request("s", {Event("t", std::string(kMaxPayloadBytes, 'p'))}));
  ExpectAccepted(Request("s", {Event("t", "")}));
  std::vector<RecordedEvent> events =
      store_->ReadStream("s", StreamVersion(1), 10).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload.size(), kMaxPayloadBytes);
  EXPECT_TRUE(events[1].payload.empty());
}

TEST_F(LimitsTest, PayloadOverMaxBytesIsRejected) {
  ExpectRejected(Request("s", {Event("t", std::string(kMaxPayloadBytes + 1, 'p'))}), {"payload"});
}

// --- events per append ---

TEST_F(LimitsTest, MaxEventsPerAppendIsAccepted) {
  ExpectAccepted(Request("s", std::vector<EventData>(kMaxEventsPerAppend, Event())));
  EXPECT_EQ(store_->StreamHead("s")->value(), kMaxEventsPerAppend);
}

TEST_F(LimitsTest, OneEventOverMaxEventsPerAppendIsRejected) {
  ExpectRejected(Request("s", std::vector<EventData>(kMaxEventsPerAppend + 1, Event())),
                 {"events", "count", std::to_string(kMaxEventsPerAppend)});
}

TEST_F(LimitsTest, ZeroEventsIsRejected) {
  ExpectRejected(Request("s", {}), {"event"});
}

// --- bytes per append: types + payloads + metadata ---

TEST_F(LimitsTest, AppendOfExactlyMaxBytesIsAccepted) {
  // 4 events of a 1-byte type and a (1 MiB - 1)-byte payload: exactly 4 MiB.
  static_assert(kMaxAppendBytes == 4 * kMaxPayloadBytes);
  ExpectAccepted(Request("s", std::vector<EventData>(4, Event("t", std::string(kMaxPayloadBytes - 1, 'p')))));
}

TEST_F(LimitsTest, AppendOverMaxBytesIsRejected) {
  const std::vector<std::string> words = {"bytes", "size", "total", "append",
                                          std::to_string(kMaxAppendBytes), "MiB"};
  // Five full payloads.
  ExpectRejected(Request("s", std::vector<EventData>(5, Event("t", std::string(kMaxPayloadBytes, 'p')))),
                 words);
  // One byte over: the accepted 4 MiB append with one type a byte longer.
  {
    std::vector<EventData> events(4, Event("t", std::string(kMaxPayloadBytes - 1, 'p')));
    events[2].type = "tt";
    ExpectRejected(Request("s", std::move(events)), words);
  }
  // Metadata counts too: exactly 4 MiB of types and payloads plus a principal.
  std::vector<EventData> events(4, Event("t", std::string(kMaxPayloadBytes - 1, 'p')));
  events[3].metadata.principal = "anna";
  ExpectRejected(Request("s", std::move(events)), words);
}

// --- idempotency key ---

TEST_F(LimitsTest, IdempotencyKeyAtMaxBytesIsAccepted) {
  AppendRequest request = Request("s");
  request.idempotency_key = std::string(kMaxIdempotencyKeyBytes, 'k');
  ExpectAccepted(request);
  Result<AppendResult> again = store_->Append(request);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->deduplicated);
}

TEST_F(LimitsTest, IdempotencyKeyOverMaxBytesIsRejected) {
  AppendRequest request = Request("s");
  request.idempotency_key = std::string(kMaxIdempotencyKeyBytes + 1, 'k');
  ExpectRejected(std::move(request), {"idempotency"});
}

// --- metadata ---

TEST_F(LimitsTest, MetadataFieldsAtMaxBytesAreAccepted) {
  EventData event = Event();
  event.metadata.principal = std::string(kMaxMetadataFieldBytes, 'p');
  event.metadata.agency = std::string(kMaxMetadataFieldBytes, 'a');
  event.metadata.command_id = std::string(kMaxMetadataFieldBytes, 'c');
  event.metadata.extra = {{std::string(kMaxMetadataFieldBytes, 'k'),
                           std::string(kMaxMetadataValueBytes, 'v')}};
  ExpectAccepted(Request("s", {event}));
  std::vector<RecordedEvent> events = store_->ReadStream("s", StreamVersion(1), 1).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].metadata == event.metadata);
}

TEST_F(LimitsTest, PrincipalOverMaxBytesIsRejected) {
  EventData event = Event();
  event.metadata.principal = std::string(kMaxMetadataFieldBytes + 1, 'p');
  ExpectRejected(Request("s", {event}), {"principal"});
}

TEST_F(LimitsTest, AgencyOverMaxBytesIsRejected) {
  EventData event = Event();
  event.metadata.agency = std::string(kMaxMetadataFieldBytes + 1, 'a');
  ExpectRejected(Request("s", {event}), {"agency"});
}

TEST_F(LimitsTest, CommandIdOverMaxBytesIsRejected) {
  EventData event = Event();
  event.metadata.command_id = std::string(kMaxMetadataFieldBytes + 1, 'c');
  ExpectRejected(Request("s", {event}), {"command"});
}

TEST_F(LimitsTest, ExtraKeyOverMaxBytesIsRejected) {
  EventData event = Event();
  event.metadata.extra = {{std::string(kMaxMetadataFieldBytes + 1, 'k'), "v"}};
  ExpectRejected(Request("s", {event}), {"extra", "metadata"});
}

TEST_F(LimitsTest, ExtraValueOverMaxBytesIsRejected) {
  EventData event = Event();
  event.metadata.extra = {{"k", std::string(kMaxMetadataValueBytes + 1, 'v')}};
  ExpectRejected(Request("s", {event}), {"extra", "metadata", "value"});
}

TEST_F(LimitsTest, MaxExtraEntriesAreAccepted) {
  EventData event = Event();
  for (std::size_t i = 0; i < kMaxMetadataEntries; ++i) {
    event.metadata.extra.emplace_back("k" + std::to_string(i), "v");
  }
  ExpectAccepted(Request("s", {event}));
}

TEST_F(LimitsTest, OneExtraEntryOverMaxIsRejected) {
  EventData event = Event();
  for (std::size_t i = 0; i < kMaxMetadataEntries + 1; ++i) {
    event.metadata.extra.emplace_back("k" + std::to_string(i), "v");
  }
  // Only the last event of the append is over the limit.
  ExpectRejected(Request("s", {Event(), Event(), event}), {"extra", "metadata", "entries"});
}

// --- reads ---

class ReadLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Result<std::unique_ptr<EventStore>> opened = EventStore::Open(dir_->path(), FastOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value().release();
    // kMaxReadEvents + 5 events in one stream, 1000 per append.
    std::size_t left = kMaxReadEvents + 5;
    while (left > 0) {
      const std::size_t n = std::min(left, kMaxEventsPerAppend);
      Result<AppendResult> r = store_->Append(Request("big", std::vector<EventData>(n, Event())));
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      left -= n;
    }
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  static TempDir* dir_;
  static EventStore* store_;
};
TempDir* ReadLimitsTest::dir_ = nullptr;
EventStore* ReadLimitsTest::store_ = nullptr;

TEST_F(ReadLimitsTest, ReadAllReturnsAtMostMaxReadEvents) {
  for (std::size_t max : {kMaxReadEvents, kMaxReadEvents + 1, std::numeric_limits<std::size_t>::max()}) {
    SCOPED_TRACE("max=" + std::to_string(max));
    Result<std::vector<RecordedEvent>> events = store_->ReadAll(Position(1), max);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    ASSERT_EQ(events->size(), kMaxReadEvents);
    EXPECT_EQ(events->front().position.value(), 1u);
    EXPECT_EQ(events->back().position.value(), kMaxReadEvents);
  }
  Result<std::vector<RecordedEvent>> rest = store_->ReadAll(Position(kMaxReadEvents + 1), kMaxReadEvents);
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(rest->size(), 5u);
}

TEST_F(ReadLimitsTest, ReadStreamReturnsAtMostMaxReadEvents) {
  for (std::size_t max : {kMaxReadEvents, kMaxReadEvents + 1, std::numeric_limits<std::size_t>::max()}) {
    SCOPED_TRACE("max=" + std::to_string(max));
    Result<std::vector<RecordedEvent>> events = store_->ReadStream("big", StreamVersion(1), max);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    ASSERT_EQ(events->size(), kMaxReadEvents);
    EXPECT_EQ(events->front().version.value(), 1u);
    EXPECT_EQ(events->back().version.value(), kMaxReadEvents);
  }
  Result<std::vector<RecordedEvent>> rest =
      store_->ReadStream("big", StreamVersion(kMaxReadEvents + 1), kMaxReadEvents);
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(rest->size(), 5u);
}

TEST_F(ReadLimitsTest, ReadWithMaxZeroIsInvalidArgument) {
  Result<std::vector<RecordedEvent>> all = store_->ReadAll(Position(1), 0);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), Code::kInvalidArgument) << all.status().ToString();
  Result<std::vector<RecordedEvent>> stream = store_->ReadStream("big", StreamVersion(1), 0);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().code(), Code::kInvalidArgument) << stream.status().ToString();
}

}  // namespace
}  // namespace trygg::eventstore
