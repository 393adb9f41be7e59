// Old stores keep working: a store written by the build before issue 12 (fixtures/before-issue-12,
// made by that build's own binaries; its README says how) opens with today's trygg-server,
// verifies and replays with today's trygg-audit, and reads back through today's trygg as that
// build read it. Fields issue 12 added are compared apart: an old plan has no causes, goals,
// partners, follow-ups, groups, promises or adoption, and its measures cite no cause.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_process.h"
#include "server_process.h"
#include "trygg/v1/status.pb.h"

#ifndef TRYGG_AUDIT
#error "TRYGG_AUDIT must name the trygg-audit binary"
#endif
#ifndef TRYGG_COMPAT_FIXTURE_DIR
#error "TRYGG_COMPAT_FIXTURE_DIR must name fixtures/before-issue-12"
#endif

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;
using google::protobuf::Message;

constexpr char kPlan[] = "tryggare-varnamo-2025";
constexpr uint64_t kEvents = 30;

std::string Golden(const std::string& name) {
  std::ifstream in(std::string(TRYGG_COMPAT_FIXTURE_DIR) + "/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Joined(const Output& out) {
  std::string text;
  for (const std::string& line : out.lines) text += line + "\n";
  return text;
}

template <class M>
M Parse(const std::string& json) {
  M message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(json, &message, options);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return message;
}

// A member of a JSON object, as JSON.
std::string Member(const std::string& json, const std::string& key) {
  const auto object = Parse<google::protobuf::Struct>(json);
  auto it = object.fields().find(key);
  if (it == object.fields().end()) {
    ADD_FAILURE() << "no member '" << key << "' in " << json;
    return "{}";
  }
  std::string member;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(it->second, &member).ok());
  return member;
}

// Whether two JSON documents hold the same value (object members in any order).
::testing::AssertionResult SameJson(const std::string& a, const std::string& b) {
  if (google::protobuf::util::MessageDifferencer::Equals(Parse<google::protobuf::Value>(a),
                                                         Parse<google::protobuf::Value>(b))) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << a << "\n  differs from\n" << b;
}

// The first field number issue 12 added to each status message that the old build served; the
// fields from it on are the new ones.
const std::map<std::string, int>& FirstNewField() {
  static const auto* first = new std::map<std::string, int>{
      {v1::Measure::descriptor()->full_name(), v1::Measure::kCauseIdsFieldNumber},
      {v1::AgencyStatus::descriptor()->full_name(), v1::AgencyStatus::kPartnerMeasuresFieldNumber},
      {v1::PlanOverview::descriptor()->full_name(), v1::PlanOverview::kAdoptedVersionFieldNumber},
  };
  return *first;
}

// Clears the fields issue 12 added, in `message` and every message inside it, so what remains is
// what the old build could say.
void StripNewFields(Message& message) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  auto first = FirstNewField().find(descriptor->full_name());
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (first != FirstNewField().end() && field->number() >= first->second) {
      reflection->ClearField(&message, field);
      continue;
    }
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        StripNewFields(*reflection->MutableRepeatedMessage(&message, field, j));
      }
    } else if (reflection->HasField(message, field)) {
      StripNewFields(*reflection->MutableMessage(&message, field));
    }
  }
}

// The old build's answer and today's agree on every field the old build had.
template <class M>
::testing::AssertionResult SameAsTheOldBuild(M old_answer, M new_answer) {
  StripNewFields(old_answer);
  StripNewFields(new_answer);
  google::protobuf::util::MessageDifferencer differencer;
  std::string report;
  differencer.ReportDifferencesToString(&report);
  if (differencer.Compare(old_answer, new_answer)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "differs from the old build's (old -> new):\n" << report;
}

// What an old measure says in the fields issue 12 added: nothing, and no plan version.
void ExpectNothingNew(const v1::Measure& m) {
  EXPECT_EQ(m.cause_ids_size(), 0) << m.measure_id();
  EXPECT_EQ(m.kind(), v1::MEASURE_KIND_UNSPECIFIED) << m.measure_id();
  EXPECT_EQ(m.partners_size(), 0) << m.measure_id();
  EXPECT_EQ(m.goals_size(), 0) << m.measure_id();
  EXPECT_EQ(m.latest_follow_ups_size(), 0) << m.measure_id();
  EXPECT_EQ(m.plan_version(), 0u) << m.measure_id();
  EXPECT_FALSE(m.changed_since_adoption()) << m.measure_id();
}

class OldStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Output unpacked = RunBinary(
        "/bin/sh", {"-c", "exec tar -xzf \"$0\" -C \"$1\"",
                    std::string(TRYGG_COMPAT_FIXTURE_DIR) + "/store.tar.gz", dir_.path().string()});
    ASSERT_EQ(unpacked.exit_status, 0) << "cannot unpack the fixture";
  }

  std::string data() const { return dir_.Sub("data").string(); }

  Output Audit(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--output", "json"});
    return RunBinary(TRYGG_AUDIT, std::move(args));
  }

  // trygg -o json ARGS against `address` as `token`; expects success.
  std::string Trygg(const std::string& address, const std::string& token,
                    const std::vector<std::string>& args) const {
    std::vector<std::string> all = {"--server", address, "--token", token, "-o", "json"};
    all.insert(all.end(), args.begin(), args.end());
    CliEnv env;
    env.set["HOME"] = dir_.Sub("home").string();
    env.set["XDG_CONFIG_HOME"] = dir_.Sub("xdg").string();
    CliResult result = RunCli(all, env);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    return result.out;
  }

  TempDir dir_;
};

TEST_F(OldStoreTest, VerifiesWithTheSameHeadAndEventTypes) {
  Output verified = Audit({"--data", data(), "verify"});
  ASSERT_EQ(verified.exit_status, 0) << Joined(verified);
  const std::string now = Joined(verified);
  const std::string then = Golden("verify.json");
  for (const std::string key : {"ok", "events", "head_position", "head_hash", "events_by_type",
                                "unknown_types", "first_bad_position"}) {
    EXPECT_TRUE(SameJson(Member(now, key), Member(then, key))) << key;
  }
  EXPECT_EQ(Member(now, "events"), std::to_string(kEvents));
}

TEST_F(OldStoreTest, ReplaysAsTheOldBuildReplayedIt) {
  Output replayed = Audit({"--data", data(), "replay", "--at", std::to_string(kEvents)});
  ASSERT_EQ(replayed.exit_status, 0) << Joined(replayed);
  const std::string now = Joined(replayed);
  const std::string then = Golden("replay.json");
  EXPECT_TRUE(SameJson(Member(now, "as_of"), Member(then, "as_of")));
  const auto now_agencies = Parse<google::protobuf::ListValue>(Member(now, "agencies"));
  const auto then_agencies = Parse<google::protobuf::ListValue>(Member(then, "agencies"));
  ASSERT_EQ(now_agencies.values_size(), 3);
  ASSERT_EQ(then_agencies.values_size(), 3);
  for (int i = 0; i < 3; ++i) {
    std::string a, b;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(now_agencies.values(i), &a).ok());
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(then_agencies.values(i), &b).ok());
    EXPECT_TRUE(SameAsTheOldBuild(Parse<v1::AgencyStatus>(b), Parse<v1::AgencyStatus>(a)));
  }
  const auto now_plans = Parse<google::protobuf::ListValue>(Member(now, "plans"));
  const auto then_plans = Parse<google::protobuf::ListValue>(Member(then, "plans"));
  ASSERT_EQ(now_plans.values_size(), 1);
  ASSERT_EQ(then_plans.values_size(), 1);
  std::string a, b;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(now_plans.values(0), &a).ok());
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(then_plans.values(0), &b).ok());
  const auto plan = Parse<v1::PlanOverview>(a);
  EXPECT_TRUE(SameAsTheOldBuild(Parse<v1::PlanOverview>(b), plan));
  EXPECT_EQ(plan.adopted_version(), 0u);
  EXPECT_EQ(plan.working_groups_size(), 0);
  EXPECT_EQ(plan.citizen_promises_size(), 0);
}

TEST_F(OldStoreTest, ExportsTheSameEventsByteForByte) {
  Output exported = RunBinary(TRYGG_AUDIT, {"--data", data(), "export", "--format", "jsonl"});
  ASSERT_EQ(exported.exit_status, 0);
  EXPECT_EQ(Joined(exported), Golden("export.jsonl"));
}

// Today's server on the old store: the old plan reads back as the old build read it, the audit
// finds the server serving what the log says, and the old plan takes the whole-plan commands.
TEST_F(OldStoreTest, TodaysServerServesTheOldPlanAndExtendsIt) {
  const std::string coordinator = AddToken(dir_, "samordnare", "coordinator", "varnamo-kommun-ks");
  const std::string reader = AddToken(dir_, "lasare", "reader");
  const std::string auditor = AddToken(dir_, "revisor", "auditor");
  RunningServer server(dir_, {"--tokens", dir_.Sub("tokens").string()});
  ASSERT_FALSE(server.address().empty());
  const std::string& at = server.address();

  const auto plan = Parse<v1::PlanOverview>(Trygg(at, reader, {"plan", "show", kPlan}));
  EXPECT_TRUE(SameAsTheOldBuild(Parse<v1::PlanOverview>(Golden("plan_show.json")), plan));
  EXPECT_EQ(plan.adopted_version(), 0u);
  EXPECT_EQ(plan.flags().measures_without_cause(), 6u);  // every measure but the withdrawn one
  EXPECT_EQ(plan.flags().period(), "");                  // never followed up

  const auto measures =
      Parse<v1::ListMeasuresResponse>(Trygg(at, reader, {"measures", "list", "--plan", kPlan}));
  ASSERT_EQ(measures.measures_size(), 7);
  EXPECT_TRUE(
      SameAsTheOldBuild(Parse<v1::ListMeasuresResponse>(Golden("measures_list.json")), measures));
  for (const v1::Measure& m : measures.measures()) ExpectNothingNew(m);

  const auto housing =
      Parse<v1::AgencyStatus>(Trygg(at, reader, {"status", "--agency", "allmannyttan-varnamo"}));
  EXPECT_TRUE(
      SameAsTheOldBuild(Parse<v1::AgencyStatus>(Golden("status_allmannyttan.json")), housing));
  EXPECT_EQ(housing.partner_measures_size(), 0);

  Output compared =
      RunBinary("/usr/bin/env", {"TRYGG_TOKEN=" + auditor, TRYGG_AUDIT, "--server", at, "compare"});
  EXPECT_EQ(compared.exit_status, 0) << Joined(compared);

  // The old plan grows a situation picture, and its lighting measure a cause.
  Trygg(at, coordinator,
        {"finding", "record", kPlan, "--focus-area", "otrygghet", "--source", "resident-input",
         "--period", "2025", "--text", "Mörka gångvägar i Pilagården", "--id", "f-1"});
  Trygg(at, coordinator,
        {"cause", "identify", kPlan, "--focus-area", "otrygghet", "--text", "Dålig belysning",
         "--rests-on", "f-1", "--id", "c-1"});
  Trygg(at, coordinator, {"measure", "link", "old-7", "c-1"});
  const auto after = Parse<v1::PlanOverview>(Trygg(at, reader, {"plan", "show", kPlan}));
  EXPECT_EQ(after.flags().measures_without_cause(), 5u);
  EXPECT_EQ(after.flags().causes_without_measure(), 0u);
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
