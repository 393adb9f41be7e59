// The command pipeline's steps (api/command_pipeline.h), each on its own, against a real event
// store in a temporary directory and a real StateCache. The whole pipeline through gRPC is
// action_plan_service_test.cc's.
#include "api/command_pipeline.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/limits.h"

using ::trygg::testing::IsOk;

namespace trygg::api {
namespace {

using eventstore::AppendResult;
using eventstore::RecordedEvent;
using grpc::StatusCode;

constexpr char kAgency[] = "polisen-lpo-varnamo";
constexpr char kPlan[] = "tryggare-varnamo-2026";

const Principal kCoordinator{"samordnare", Role::kCoordinator, ""};

v1::RegisterAgencyRequest RegisterRequest(std::string command_id, std::string name = "Polisen") {
  v1::RegisterAgencyRequest request;
  request.set_command_id(std::move(command_id));
  request.set_agency_id(kAgency);
  request.set_name(std::move(name));
  request.set_kind("authority");
  return request;
}

Command Register(const v1::RegisterAgencyRequest& request) {
  domain::Result<Command> command = MakeCommand<domain::AgencyState>(
      request, "agency", request.agency_id(), domain::AgencyStream(request.agency_id()),
      std::nullopt, [request](const domain::AgencyState& existing, StateReader&) {
        return domain::DecideRegisterAgency(request, existing);
      });
  EXPECT_TRUE(command.ok()) << command.status().error_message();
  return *std::move(command);
}

Command CreatePlan(std::string command_id) {
  v1::CreatePlanRequest request;
  request.set_command_id(std::move(command_id));
  request.set_plan_id(kPlan);
  request.set_name("Tryggare Värnamo 2026");
  request.set_municipality("Värnamo kommun");
  v1::FocusArea* area = request.add_focus_areas();
  area->set_key("otrygghet");
  area->set_name("Otrygghet");
  domain::Result<Command> command = MakeCommand<domain::PlanState>(
      request, "plan", request.plan_id(), domain::PlanStream(request.plan_id()), std::nullopt,
      [request](const domain::PlanState& existing, StateReader&) {
        return domain::DecideCreatePlan(request, existing);
      });
  EXPECT_TRUE(command.ok()) << command.status().error_message();
  return *std::move(command);
}

class CommandPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(store_, nullptr); }

  // Steps (2), (4), (5) and (6) for `command`, with the blocking Append in place of AppendAsync.
  eventstore::Result<AppendResult> Commit(const Command& command) {
    StateLoader loader(*store_, cache_);
    domain::Result<AggregateState> state = loader.Load(command.stream, command.fold);
    EXPECT_TRUE(state.ok()) << state.status().error_message();
    domain::Result<Decision> decided = Decide(command, *state, loader);
    EXPECT_TRUE(decided.ok()) << decided.status().error_message();
    domain::Result<std::string> key = IdempotencyKey(kCoordinator, command.command_id);
    EXPECT_THAT(key, IsOk());
    return store_->Append(
        AppendFor(command, kCoordinator, *key, std::move(decided->event), VersionOf(*state)));
  }

  testing::TempDir dir_;
  std::unique_ptr<eventstore::EventStore> store_ = testing::OpenStore(dir_.path());
  StateCache cache_;
};

// --- (2) validate and build ----------------------------------------------------------------------

TEST(IdempotencyKeyTest, IsThePrincipalNameAndTheCommandId) {
  domain::Result<std::string> key = IdempotencyKey(kCoordinator, "cmd-1");
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(*key, "samordnare/cmd-1");
}

TEST(IdempotencyKeyTest, TooLongForTheStoreIsInvalidArgumentNamingTheLimit) {
  const Principal long_name{std::string(100, 'x'), Role::kCoordinator, ""};
  EXPECT_THAT(IdempotencyKey(long_name, std::string(99, 'c')), IsOk());
  domain::Result<std::string> key = IdempotencyKey(long_name, std::string(100, 'c'));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(key.status().error_message().find("at most 99 characters"), std::string::npos)
      << key.status().error_message();
}

TEST(MakeCommandTest, DescribesTheRequest) {
  const Command command = Register(RegisterRequest("cmd-1"));
  EXPECT_EQ(command.kind, "agency");
  EXPECT_EQ(command.id, kAgency);
  EXPECT_EQ(command.stream, std::string("agency-") + kAgency);
  EXPECT_EQ(command.command_id, "cmd-1");
  EXPECT_EQ(command.expected_version, std::nullopt);
}

TEST(ExpectedOfTest, IsTheRequestsExpectedVersionIfItHasOne) {
  v1::PrioritiseMeasureRequest request;
  EXPECT_EQ(ExpectedOf(request), std::nullopt);
  request.set_expected_version(0);
  EXPECT_EQ(ExpectedOf(request), std::optional<std::uint64_t>(0));
}

// --- (3) idempotency lookup ----------------------------------------------------------------------

TEST_F(CommandPipelineTest, AKeyThatNeverCommittedFindsNothing) {
  StateLoader loader(*store_, cache_);
  const Command command = Register(RegisterRequest("cmd-1"));
  auto first = LookUpFirstResult(*store_, "samordnare/cmd-1", kCoordinator, command, loader);
  ASSERT_TRUE(first.ok()) << first.status().error_message();
  EXPECT_FALSE(first->has_value());
}

TEST_F(CommandPipelineTest, ARetriedCommandFindsItsFirstResult) {
  const Command command = Register(RegisterRequest("cmd-1"));
  eventstore::Result<AppendResult> committed = Commit(command);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  domain::AgencyState newer;  // a cached state that tells where a loaded state came from
  newer.version = 7;
  cache_.Put(command.stream, newer);

  StateLoader loader(*store_, cache_);
  auto first = LookUpFirstResult(*store_, "samordnare/cmd-1", kCoordinator, command, loader);
  ASSERT_TRUE(first.ok()) << first.status().error_message();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->first_position, committed->first_position);
  EXPECT_EQ((*first)->last_position, committed->last_position);
  EXPECT_EQ((*first)->stream_version, committed->stream_version);
  // Once the key has committed, states come from the store.
  domain::Result<AggregateState> loaded = loader.Load(command.stream, command.fold);
  ASSERT_TRUE(loaded.ok()) << loaded.status().error_message();
  EXPECT_EQ(VersionOf(*loaded), 1u);
  EXPECT_FALSE(loader.used_cache());
}

TEST_F(CommandPipelineTest, AKeyReusedForAnotherCommandIsAlreadyExists) {
  ASSERT_THAT(Commit(Register(RegisterRequest("cmd-1"))), IsOk());
  StateLoader loader(*store_, cache_);
  const Command other = Register(RegisterRequest("cmd-1", "Polisen i Värnamo"));
  auto first = LookUpFirstResult(*store_, "samordnare/cmd-1", kCoordinator, other, loader);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(first.status().error_message(), Reused(kCoordinator, other).error_message());
  EXPECT_NE(first.status().error_message().find("'cmd-1'"), std::string::npos);
}

// --- (4) load state ------------------------------------------------------------------------------

TEST_F(CommandPipelineTest, ReadHistoryReadsAStreamUpToAVersionPagingPastTheReadLimit) {
  const std::string stream = "agency-many";
  std::size_t appended = 0;
  while (appended <= eventstore::kMaxReadEvents) {
    std::vector<eventstore::EventData> events(eventstore::kMaxEventsPerAppend, testing::Event());
    ASSERT_THAT(store_->Append(testing::Request(stream, std::move(events))), IsOk());
    appended += eventstore::kMaxEventsPerAppend;
  }
  auto all = ReadHistory(*store_, stream);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), appended);
  EXPECT_EQ(all->back().version.value(), appended);
  auto some = ReadHistory(*store_, stream, 3);
  ASSERT_THAT(some, IsOk());
  EXPECT_EQ(some->size(), 3u);
  auto none = ReadHistory(*store_, "agency-nobody");
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->empty());
}

TEST_F(CommandPipelineTest, FoldGivesTheStateOfAStream) {
  ASSERT_THAT(Commit(Register(RegisterRequest("cmd-1"))), IsOk());
  auto history = ReadHistory(*store_, std::string("agency-") + kAgency);
  ASSERT_THAT(history, IsOk());
  domain::Result<domain::AgencyState> state = Fold<domain::AgencyState>(*history);
  ASSERT_TRUE(state.ok()) << state.status().error_message();
  EXPECT_EQ(state->version, 1u);
  EXPECT_EQ(state->agency_id, kAgency);
  EXPECT_EQ(state->name, "Polisen");
}

TEST_F(CommandPipelineTest, FoldOfAnEventThatDoesNotDecodeIsInternalNamingIt) {
  ASSERT_THAT(
      store_->Append(testing::Request("agency-x", {testing::Event("trygg.v1.FromTheFuture", "x")})),
      IsOk());
  auto history = ReadHistory(*store_, "agency-x");
  ASSERT_THAT(history, IsOk());
  domain::Result<domain::AgencyState> state = Fold<domain::AgencyState>(*history);
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.status().error_code(), StatusCode::INTERNAL);
  EXPECT_NE(state.status().error_message().find("trygg.v1.FromTheFuture"), std::string::npos);
}

TEST_F(CommandPipelineTest, LoadFoldsTheStreamAndCachesTheState) {
  const Command command = Register(RegisterRequest("cmd-1"));
  ASSERT_THAT(Commit(command), IsOk());
  cache_.Erase(command.stream);

  StateLoader loader(*store_, cache_);
  domain::Result<AggregateState> loaded = loader.Load(command.stream, command.fold);
  ASSERT_TRUE(loaded.ok()) << loaded.status().error_message();
  EXPECT_EQ(VersionOf(*loaded), 1u);
  EXPECT_FALSE(loader.used_cache());
  std::optional<AggregateState> cached = cache_.Get(command.stream);
  ASSERT_TRUE(cached.has_value());
  EXPECT_EQ(VersionOf(*cached), 1u);
}

TEST_F(CommandPipelineTest, LoadTakesACachedStateUntilTheCacheIsBypassed) {
  const Command command = Register(RegisterRequest("cmd-1"));
  ASSERT_THAT(Commit(command), IsOk());
  // A cached state newer than the stream tells where a state came from.
  domain::AgencyState newer;
  newer.version = 7;
  cache_.Put(command.stream, newer);

  StateLoader loader(*store_, cache_);
  domain::Result<AggregateState> cached = loader.Load(command.stream, command.fold);
  ASSERT_THAT(cached, IsOk());
  EXPECT_EQ(VersionOf(*cached), 7u);
  EXPECT_TRUE(loader.used_cache());

  loader.ForgetCacheUse();
  loader.BypassCache();
  domain::Result<AggregateState> stored = loader.Load(command.stream, command.fold);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(VersionOf(*stored), 1u);
  EXPECT_FALSE(loader.used_cache());
}

TEST_F(CommandPipelineTest, TheLoaderReadsTheOtherAggregatesADecisionLooksAt) {
  ASSERT_THAT(Commit(CreatePlan("cmd-plan")), IsOk());
  StateLoader loader(*store_, cache_);
  domain::Result<domain::PlanState> plan = loader.Plan(kPlan);
  ASSERT_TRUE(plan.ok()) << plan.status().error_message();
  EXPECT_EQ(plan->version, 1u);
  EXPECT_TRUE(plan->HasFocusArea("otrygghet"));
  domain::Result<domain::AgencyState> agency = loader.Agency("nobody");
  ASSERT_THAT(agency, IsOk());
  EXPECT_FALSE(agency->exists());

  v1::ProposeMeasureRequest propose;
  propose.set_command_id("cmd-propose");
  propose.set_plan_id(kPlan);
  propose.set_focus_area("otrygghet");
  propose.set_title("Nattvandring");
  propose.set_measure_id("nattvandring");
  domain::Result<Command> proposed = MakeCommand<domain::MeasureState>(
      propose, "measure", "nattvandring", domain::MeasureStream("nattvandring"), std::nullopt,
      [propose](const domain::MeasureState& existing,
                StateReader& reader) -> domain::Result<v1::MeasureProposed> {
        auto in = reader.Plan(propose.plan_id());
        if (!in.ok()) return in.status();
        return domain::DecideProposeMeasure(propose, *in, existing, "nattvandring");
      });
  ASSERT_THAT(proposed, IsOk());
  ASSERT_THAT(Commit(*proposed), IsOk());
  domain::Result<domain::MeasureState> measure = loader.Measure("nattvandring");
  ASSERT_THAT(measure, IsOk());
  EXPECT_EQ(measure->plan_id, kPlan);
  EXPECT_EQ(measure->status, v1::MEASURE_STATUS_PROPOSED);
  domain::Result<domain::MeasureState> unknown = loader.Measure("nobody");
  ASSERT_THAT(unknown, IsOk());
  EXPECT_FALSE(unknown->exists());
}

// --- (5) decide ----------------------------------------------------------------------------------

TEST_F(CommandPipelineTest, DecideGivesTheEventAndTheStateAfterIt) {
  const Command command = Register(RegisterRequest("cmd-1"));
  StateLoader loader(*store_, cache_);
  domain::Result<Decision> decided = Decide(command, domain::AgencyState(), loader);
  ASSERT_TRUE(decided.ok()) << decided.status().error_message();
  EXPECT_EQ(decided->event.type, "trygg.v1.AgencyRegistered");
  EXPECT_EQ(VersionOf(decided->after), 1u);
  EXPECT_EQ(std::get<domain::AgencyState>(decided->after).name, "Polisen");
}

TEST_F(CommandPipelineTest, DecideReturnsTheDomainsRefusal) {
  const Command command = Register(RegisterRequest("cmd-2"));
  domain::AgencyState existing;
  existing.version = 1;
  existing.agency_id = kAgency;
  StateLoader loader(*store_, cache_);
  domain::Result<Decision> decided = Decide(command, existing, loader);
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.status().error_code(), StatusCode::ALREADY_EXISTS);
}

// --- (6) append ----------------------------------------------------------------------------------

TEST(AppendForTest, ExpectsTheDecidedVersionUnderTheKeyWithTheCallersMetadata) {
  const Principal agency{"polis-1", Role::kAgency, kAgency};
  const Command command = Register(RegisterRequest("cmd-1"));
  const eventstore::AppendRequest append =
      AppendFor(command, agency, "polis-1/cmd-1", domain::EncodedEvent{"t", "payload"}, 4);
  EXPECT_EQ(append.stream_id, command.stream);
  EXPECT_EQ(append.expected_version.kind(), eventstore::ExpectedVersion::Kind::kExactly);
  EXPECT_EQ(append.expected_version.version().value(), 4u);
  EXPECT_EQ(append.idempotency_key, "polis-1/cmd-1");
  ASSERT_EQ(append.events.size(), 1u);
  EXPECT_EQ(append.events[0].type, "t");
  EXPECT_EQ(append.events[0].payload, "payload");
  EXPECT_EQ(append.events[0].metadata.principal, "polis-1");
  EXPECT_EQ(append.events[0].metadata.agency, kAgency);
  EXPECT_EQ(append.events[0].metadata.command_id, "cmd-1");
}

// --- (7) reply or retry on conflict --------------------------------------------------------------

TEST_F(CommandPipelineTest, AnAppendThatLostARaceIsAbortedNamingTheCurrentVersion) {
  Command command = Register(RegisterRequest("cmd-1"));
  command.expected_version = 0;  // as a command on a measure may give it
  StateLoader loader(*store_, cache_);
  domain::Result<AggregateState> state = loader.Load(command.stream, command.fold);
  ASSERT_THAT(state, IsOk());
  domain::Result<Decision> decided = Decide(command, *state, loader);
  ASSERT_THAT(decided, IsOk());
  // Someone else writes to the stream between the decision and the append.
  ASSERT_THAT(store_->Append(testing::Request(command.stream)), IsOk());

  eventstore::Result<AppendResult> lost = store_->Append(AppendFor(
      command, kCoordinator, "samordnare/cmd-1", std::move(decided->event), VersionOf(*state)));
  ASSERT_EQ(lost.status().code(), eventstore::Code::kAborted) << lost.status().ToString();
  EXPECT_FALSE(RetriesOnConflict(command, 1));
  const grpc::Status aborted = Conflict(command, 1, lost.status());
  EXPECT_EQ(aborted.error_code(), StatusCode::ABORTED);
  EXPECT_EQ(aborted.error_message(),
            std::string("agency ") + kAgency + " is at version 1, not the expected 0");
}

TEST(ConflictTest, ACommandWithoutExpectedVersionRetriesUpToTheLimitThenIsAborted) {
  const Command command = Register(RegisterRequest("cmd-1"));
  for (int attempts = 1; attempts < kMaxCommandAttempts; ++attempts) {
    EXPECT_TRUE(RetriesOnConflict(command, attempts)) << attempts;
  }
  EXPECT_FALSE(RetriesOnConflict(command, kMaxCommandAttempts));
  const grpc::Status aborted = Conflict(command, kMaxCommandAttempts,
                                        eventstore::Status(eventstore::Code::kAborted, "conflict"));
  EXPECT_EQ(aborted.error_code(), StatusCode::ABORTED);
  EXPECT_NE(aborted.error_message().find("changed concurrently 5 times"), std::string::npos)
      << aborted.error_message();
}

TEST(WriteReplyTest, NamesTheAggregateItsVersionAndTheLastPosition) {
  const Command command = Register(RegisterRequest("cmd-1"));
  const AppendResult result{eventstore::Position(8), eventstore::Position(9),
                            eventstore::StreamVersion(3), false};
  v1::CommandReply reply;
  WriteReply(command, result, &reply);
  EXPECT_EQ(reply.id(), kAgency);
  EXPECT_EQ(reply.version(), 3u);
  EXPECT_EQ(reply.position(), 9u);
  EXPECT_TRUE(reply.item_id().empty());
}

TEST(WriteReplyTest, NamesTheItemACommandRecorded) {
  Command command = Register(RegisterRequest("cmd-1"));
  command.item_id = "f-0123456789ab";
  const AppendResult result{eventstore::Position(8), eventstore::Position(9),
                            eventstore::StreamVersion(3), false};
  v1::CommandReply reply;
  WriteReply(command, result, &reply);
  EXPECT_EQ(reply.id(), kAgency);
  EXPECT_EQ(reply.item_id(), "f-0123456789ab");
}

}  // namespace
}  // namespace trygg::api
