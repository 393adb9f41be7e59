// StatusService.GetPlanReport (issue 13) through a real gRPC server on a loopback port, over a
// real event store in a temporary directory whose commit clock the test sets (so that dates and
// times are known), with the plan written through ActionPlanService: each kind of moment, the
// record the reply names, byte-identical reports of past moments, paging pinned to a position,
// and the refusals.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "action_plan_client.h"
#include "service_fixture.h"
#include "testutil/eventstore_util.h"
#include "trygg/eventstore/record_hash.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::api {
namespace {

using google::protobuf::util::TimeUtil;
using grpc::StatusCode;
using service_testing::Context;
using service_testing::CreatePlanRequest;
using service_testing::Fails;
using service_testing::Ok;
using service_testing::RegisterRequest;
using service_testing::TestServer;

using service_testing::kPlan;
using service_testing::kPolice;
using service_testing::kSocial;
using service_testing::kToday;

// Microseconds since the epoch of a UTC time.
int64_t Utc(int year, int month, int day, int hour, int minute = 0) {
  return absl::ToUnixMicros(
      absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone()));
}

// The message's bytes, with deterministic serialisation (map fields in key order).
std::string Bytes(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

v1::ProposeMeasureRequest Propose(std::string command_id, std::string measure_id,
                                  std::string focus_area = "otrygghet") {
  v1::ProposeMeasureRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_focus_area(std::move(focus_area));
  r.set_title("Nattvandring i centrum");
  r.set_measure_id(std::move(measure_id));
  return r;
}

v1::PrioritiseMeasureRequest Prioritise(std::string command_id, std::string measure_id) {
  v1::PrioritiseMeasureRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(std::move(measure_id));
  r.set_priority(v1::PRIORITY_HIGH);
  return r;
}

v1::AssignMeasureRequest Assign(std::string command_id, std::string measure_id,
                                std::string due_date) {
  v1::AssignMeasureRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(std::move(measure_id));
  r.set_agency_id(kPolice);
  r.set_due_date(std::move(due_date));
  return r;
}

v1::StartMeasureRequest Start(std::string command_id, std::string measure_id) {
  v1::StartMeasureRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(std::move(measure_id));
  return r;
}

v1::RecordFollowUpRequest FollowUp(std::string command_id, std::string measure_id,
                                   std::string period, v1::Health health) {
  v1::RecordFollowUpRequest r;
  r.set_command_id(std::move(command_id));
  r.set_measure_id(std::move(measure_id));
  r.set_period(std::move(period));
  r.set_party(kPolice);
  r.set_health(health);
  r.set_hours(12.5);
  r.set_cost_sek(4'000);
  r.set_comment("Färre vuxna än väntat.");
  return r;
}

v1::AdoptPlanRequest Adopt(std::string command_id, std::string decision_date) {
  v1::AdoptPlanRequest r;
  r.set_command_id(std::move(command_id));
  r.set_plan_id(kPlan);
  r.set_adopted_by("Kommunstyrelsen");
  r.set_decision_date(std::move(decision_date));
  r.set_reference("KS 2026/412");
  r.add_signatories("kommunstyrelsens ordförande");
  return r;
}

// The plan written over four days, each command committed at a time the test sets. The server's
// zone is service_testing::kTimeZone (UTC+1).
//
//   day 1  2026-03-02 09:00Z   police registered, plan created, social services registered,
//                              m-a, m-b and m-c proposed                        (… day1_)
//   day 2  2026-03-10 22:30Z   m-a prioritised, assigned (due 2026-04-30); version 1 adopted
//          (23:30 local)                                                        (… adopted1_)
//          2026-03-10 23:30Z   m-b prioritised (00:30 local on 2026-03-11)      (day2_end_)
//   day 3  2026-05-05 08:00Z   m-a followed up for 2026-T1 (yellow), started; version 2
//                              adopted                                          (… adopted2_)
class PlanReportTest : public service_testing::ServiceTest {
 protected:
  PlanReportTest() : ServiceTest(/*with_status=*/true) {}

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServiceTest::SetUp());
    // The same (empty) store again, with the test's clock.
    server_.reset();
    store_.reset();
    eventstore::Options options = trygg::testing::FastOptions();
    options.clock = [this] {
      return eventstore::Timestamp(std::chrono::microseconds(now_us_.load()));
    };
    store_ = trygg::testing::OpenStore(dir_.Sub("store"), std::move(options));
    ASSERT_NE(store_, nullptr);
    server_ = std::make_unique<TestServer>(*store_, tokens_.get(), /*with_status=*/true);
    ASSERT_NO_FATAL_FAILURE(Seed());
  }

  void Seed() {
    const auto ok = [this](const auto& request) { ASSERT_TRUE(Ok(As(coordinator_, request))); };
    now_us_ = Utc(2026, 3, 2, 9);
    ok(RegisterRequest("reg-polis", kPolice, "Polisen LPO Värnamo", "police"));
    registered_ = Head();
    ok(CreatePlanRequest("skapa-plan"));
    ok(RegisterRequest("reg-soc", kSocial, "Socialtjänsten Värnamo", "social services"));
    for (const char* id : {"m-a", "m-b", "m-c"}) ok(Propose(std::string("p-") + id, id));
    day1_ = Head();

    now_us_ = Utc(2026, 3, 10, 22, 30);
    ok(Prioritise("prio-a", "m-a"));
    ok(Assign("tilldela-a", "m-a", "2026-04-30"));
    ok(Adopt("anta-1", "2026-03-10"));
    adopted1_ = Head();
    now_us_ = Utc(2026, 3, 10, 23, 30);
    ok(Prioritise("prio-b", "m-b"));
    day2_end_ = Head();

    now_us_ = Utc(2026, 5, 5, 8);
    ASSERT_TRUE(Ok(As(police_, FollowUp("uppf-a", "m-a", "2026-T1", v1::HEALTH_YELLOW))));
    ASSERT_TRUE(Ok(As(police_, Start("starta-a", "m-a"))));
    ok(Adopt("anta-2", "2026-05-05"));
    adopted2_ = Head();
  }

  // More commands after the seeded ones (day 4, 2026-06-01): a new measure, a follow-up of m-a for
  // 2026-T2, m-b assigned, and a third adoption.
  void AppendMore() {
    now_us_ = Utc(2026, 6, 1, 8);
    const auto ok = [this](const auto& request) { ASSERT_TRUE(Ok(As(coordinator_, request))); };
    ok(Propose("p-m-d", "m-d", "narkotika"));
    ok(Assign("tilldela-b", "m-b", "2026-09-30"));
    ASSERT_TRUE(Ok(As(police_, FollowUp("uppf-a-2", "m-a", "2026-T2", v1::HEALTH_RED))));
    ok(Adopt("anta-3", "2026-06-01"));
  }

  grpc::Status Report(const v1::GetPlanReportRequest& request, v1::PlanReport* out,
                      const std::string* token = nullptr) {
    auto context = Context(token != nullptr ? *token : reader_);
    return server_->status().GetPlanReport(context.get(), request, out);
  }

  static v1::GetPlanReportRequest Request(
      const std::function<void(v1::GetPlanReportRequest&)>& edit = [](v1::GetPlanReportRequest&) {
      }) {
    v1::GetPlanReportRequest request;
    request.set_plan_id(kPlan);
    edit(request);
    return request;
  }

  // The stored record at `position`.
  eventstore::RecordedEvent Record(uint64_t position) {
    auto read = store_->ReadAll(eventstore::Position(position), 1);
    EXPECT_TRUE(read.ok() && read->size() == 1) << position;
    return read.ok() && !read->empty() ? read->front() : eventstore::RecordedEvent();
  }

  // The reply describes record `position`: its time and hash as the store holds them (the hash
  // also as RecordHash computes it from the record's fields), with `today`.
  void ExpectMoment(const v1::PlanReport& report, uint64_t position, const std::string& today) {
    const eventstore::RecordedEvent record = Record(position);
    EXPECT_EQ(report.position(), position);
    EXPECT_EQ(TimeUtil::TimestampToMicroseconds(report.recorded_at()),
              record.recorded_at.time_since_epoch().count());
    EXPECT_EQ(report.head_hash(), eventstore::ToHex(record.hash));
    EXPECT_EQ(report.head_hash(), eventstore::ToHex(eventstore::RecordHash(record)));
    EXPECT_EQ(report.today(), today);
  }

  std::atomic<int64_t> now_us_{0};
  uint64_t registered_ = 0, day1_ = 0, adopted1_ = 0, day2_end_ = 0, adopted2_ = 0;
};

// --- the moment ---------------------------------------------------------------------------------

TEST_F(PlanReportTest, APositionIsThatRecordJudgedByItsDate) {
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) { r.set_position(day1_); }), &report)));
  ExpectMoment(report, day1_, "2026-03-02");
  EXPECT_EQ(report.plan_version(), 0u);
  EXPECT_EQ(report.total_measures(), 3u);
  EXPECT_EQ(report.overview().plan_id(), kPlan);
}

// The head hash of a past position is what GetHead said while it was the head.
TEST_F(PlanReportTest, TheHeadHashIsTheHeadsHashWhenThePositionWasTheHead) {
  const std::string head_then = eventstore::ToHex(store_->Head().hash);
  const uint64_t position = Head();
  ASSERT_NO_FATAL_FAILURE(AppendMore());
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) { r.set_position(position); }), &report)));
  EXPECT_EQ(report.head_hash(), head_then);
}

TEST_F(PlanReportTest, ATimeIsTheLastRecordCommittedByThen) {
  v1::PlanReport report;
  // Every record of day 1 was committed at 09:00Z: the time itself includes them all.
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) {
                          *r.mutable_time() = TimeUtil::MicrosecondsToTimestamp(Utc(2026, 3, 2, 9));
                        }),
                        &report)));
  ExpectMoment(report, day1_, "2026-03-02");
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) {
                          *r.mutable_time() =
                              TimeUtil::MicrosecondsToTimestamp(Utc(2026, 3, 10, 23, 0));
                        }),
                        &report)));
  // 23:00Z is midnight in the zone: the date is the next day.
  ExpectMoment(report, adopted1_, "2026-03-11");
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) {
                          *r.mutable_time() = TimeUtil::MicrosecondsToTimestamp(Utc(2027, 1, 1, 0));
                        }),
                        &report)));
  ExpectMoment(report, adopted2_, "2027-01-01");
}

// A date ends at the next midnight in the server's zone (UTC+1): 2026-03-10 includes the
// adoption at 23:30 local but not the event at 00:30 local the next day.
TEST_F(PlanReportTest, ADateEndsAtTheNextMidnightInTheServersZone) {
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_date("2026-03-05"); }), &report)));
  ExpectMoment(report, day1_, "2026-03-05");
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_date("2026-03-10"); }), &report)));
  ExpectMoment(report, adopted1_, "2026-03-10");
  EXPECT_EQ(report.plan_version(), 1u);
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_date("2026-03-11"); }), &report)));
  ExpectMoment(report, day2_end_, "2026-03-11");
}

TEST_F(PlanReportTest, AnAdoptedVersionIsItsAdoption) {
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_adopted_version(1); }), &report)));
  ExpectMoment(report, adopted1_, "2026-03-10");
  EXPECT_EQ(report.plan_version(), 1u);
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_adopted_version(2); }), &report)));
  ExpectMoment(report, adopted2_, "2026-05-05");
  EXPECT_EQ(report.plan_version(), 2u);
  EXPECT_EQ(report.overview().adopted_version(), 2u);
}

// No as_of: the head, judged by the server's current date.
TEST_F(PlanReportTest, NoMomentIsTheHeadJudgedToday) {
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request(), &report)));
  ExpectMoment(report, Head(), kToday);
  EXPECT_EQ(report.plan_version(), 2u);
}

// --- byte identity ------------------------------------------------------------------------------

// A report of a past moment, of every kind, is the same bytes after more commands were appended.
TEST_F(PlanReportTest, AReportOfAPastMomentIsByteIdenticalLater) {
  const std::vector<v1::GetPlanReportRequest> requests = {
      Request([&](auto& r) { r.set_position(adopted2_); }),
      Request([&](auto& r) {
        r.set_position(adopted2_);
        r.set_period("2026-T1");
      }),
      Request([](auto& r) { r.set_date("2026-05-05"); }),
      Request([](auto& r) {
        *r.mutable_time() = TimeUtil::MicrosecondsToTimestamp(Utc(2026, 5, 20, 12));
      }),
      Request([](auto& r) { r.set_adopted_version(2); }),
      Request([](auto& r) {
        r.set_adopted_version(1);
        r.set_page_size(1);
      }),
  };
  std::vector<std::string> before;
  for (const v1::GetPlanReportRequest& request : requests) {
    v1::PlanReport report;
    ASSERT_TRUE(Ok(Report(request, &report)));
    before.push_back(Bytes(report));
  }
  ASSERT_NO_FATAL_FAILURE(AppendMore());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    SCOPED_TRACE(requests[i].ShortDebugString());
    v1::PlanReport report;
    ASSERT_TRUE(Ok(Report(requests[i], &report)));
    EXPECT_EQ(Bytes(report), before[i]);
  }
  // The head moved on, and a report of it shows what was appended.
  v1::PlanReport now;
  ASSERT_TRUE(Ok(Report(Request(), &now)));
  EXPECT_EQ(now.total_measures(), 4u);
  EXPECT_EQ(now.plan_version(), 3u);
}

// --- paging -------------------------------------------------------------------------------------

// Later pages pinned to the first page's position see the measures of then, whatever was appended
// meanwhile, and every page carries the same plan-level parts.
TEST_F(PlanReportTest, PagesPinnedToTheFirstPagesPositionCoverThePlanOfThen) {
  v1::PlanReport first;
  ASSERT_TRUE(Ok(Report(Request([](auto& r) { r.set_page_size(2); }), &first)));
  ASSERT_EQ(first.measures_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  EXPECT_EQ(first.total_measures(), 3u);
  ASSERT_NO_FATAL_FAILURE(AppendMore());

  std::vector<std::string> ids;
  for (const v1::Measure& measure : first.measures()) ids.push_back(measure.measure_id());
  std::string token = first.next_page_token();
  int pages = 1;
  while (!token.empty() && pages < 10) {
    v1::PlanReport page;
    ASSERT_TRUE(Ok(Report(Request([&](auto& r) {
                            r.set_page_size(2);
                            r.set_position(first.position());
                            r.set_page_token(token);
                          }),
                          &page)));
    ++pages;
    EXPECT_EQ(page.position(), first.position());
    EXPECT_EQ(page.head_hash(), first.head_hash());
    EXPECT_EQ(page.total_measures(), 3u);
    EXPECT_EQ(Bytes(page.overview()), Bytes(first.overview()));
    for (const v1::Measure& measure : page.measures()) ids.push_back(measure.measure_id());
    token = page.next_page_token();
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(ids, (std::vector<std::string>{"m-a", "m-b", "m-c"}));
}

// --- refusals and roles -------------------------------------------------------------------------

// INVALID_ARGUMENT naming the field, NOT_FOUND naming what is missing, UNAUTHENTICATED without a
// token; every role may read a report.
TEST_F(PlanReportTest, BadRequestsAreRefusedAndEveryRoleMayRead) {
  struct Row {
    std::string name;
    v1::GetPlanReportRequest request;
    StatusCode code;
    std::string part;
  };
  const StatusCode ok = StatusCode::OK, invalid = StatusCode::INVALID_ARGUMENT,
                   not_found = StatusCode::NOT_FOUND;
  using R = v1::GetPlanReportRequest;
  const std::vector<Row> rows = {
      {"head", Request(), ok, ""},
      {"position", Request([&](R& r) { r.set_position(day1_); }), ok, ""},
      {"date", Request([](R& r) { r.set_date("2026-04-01"); }), ok, ""},
      {"adopted version", Request([](R& r) { r.set_adopted_version(1); }), ok, ""},
      {"period", Request([](R& r) { r.set_period("2026-t1"); }), ok, ""},
      {"without plan", Request([](R& r) { r.clear_plan_id(); }), invalid, "plan_id"},
      {"malformed plan", Request([](R& r) { r.set_plan_id("Tryggare Värnamo"); }), invalid,
       "plan_id"},
      {"position 0", Request([](R& r) { r.set_position(0); }), invalid, "as_of.position"},
      {"position beyond the head", Request([&](R& r) { r.set_position(Head() + 1); }), invalid,
       "as_of.position"},
      {"malformed date", Request([](R& r) { r.set_date("2026-3-1"); }), invalid, "as_of.date"},
      {"no such date", Request([](R& r) { r.set_date("2026-02-30"); }), invalid, "as_of.date"},
      {"time with negative nanos", Request([](R& r) { r.mutable_time()->set_nanos(-1); }), invalid,
       "as_of.time"},
      {"time after 9999", Request([](R& r) { r.mutable_time()->set_seconds(253'402'300'800); }),
       invalid, "as_of.time"},
      {"adopted version 0", Request([](R& r) { r.set_adopted_version(0); }), invalid,
       "as_of.adopted_version"},
      {"malformed period", Request([](R& r) { r.set_period("2026-T4"); }), invalid, "period"},
      {"page_size 501", Request([](R& r) { r.set_page_size(501); }), invalid, "page_size"},
      {"garbage page_token", Request([](R& r) { r.set_page_token("garbage"); }), invalid,
       "page_token"},
      {"unknown plan", Request([](R& r) { r.set_plan_id("ingen-plan"); }), not_found, "ingen-plan"},
      {"unknown plan by version", Request([](R& r) {
         r.set_plan_id("ingen-plan");
         r.set_adopted_version(1);
       }),
       not_found, "ingen-plan"},
      {"version never adopted", Request([](R& r) { r.set_adopted_version(9); }), not_found,
       "adopted version 9"},
      {"before the plan was created", Request([&](R& r) { r.set_position(registered_); }),
       not_found, "did not exist at position " + std::to_string(registered_)},
      {"a date before the log", Request([](R& r) { r.set_date("2026-03-01"); }), not_found,
       "did not exist"},
      {"a time before the log", Request([](R& r) {
         *r.mutable_time() = TimeUtil::MicrosecondsToTimestamp(Utc(2026, 3, 2, 8));
       }),
       not_found, "did not exist"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    for (const std::string* token : {&reader_, &auditor_, &police_, &coordinator_}) {
      v1::PlanReport report;
      const grpc::Status status = Report(row.request, &report, token);
      if (row.code == StatusCode::OK) {
        EXPECT_TRUE(Ok(status));
      } else {
        EXPECT_TRUE(Fails(status, row.code, row.part));
      }
    }
    v1::PlanReport report;
    auto context = Context("");
    EXPECT_TRUE(Fails(server_->status().GetPlanReport(context.get(), row.request, &report),
                      StatusCode::UNAUTHENTICATED, ""));
  }
}

// min_position is waited for as by the other queries: a report asked for after a write includes
// it.
TEST_F(PlanReportTest, MinPositionIsWaitedFor) {
  ASSERT_TRUE(Ok(As(coordinator_, Propose("p-m-e", "m-e"))));
  v1::PlanReport report;
  ASSERT_TRUE(Ok(Report(Request([&](auto& r) { r.set_min_position(Head()); }), &report)));
  EXPECT_EQ(report.position(), Head());
  EXPECT_EQ(report.total_measures(), 4u);
}

}  // namespace
}  // namespace trygg::api
