// Bad input against a real trygg-server: every RPC of ActionPlanService, StatusService and
// EventLogService with empty requests, oversized fields and malformed values, each with a valid
// token, with no token and with a garbage token. The server answers each with the status the
// contract names (never UNKNOWN or INTERNAL), writes nothing, keeps serving health and stops
// cleanly on SIGTERM.
//
// The calls go through grpc::GenericStub (RawCall) with requests serialized from the generated
// messages, so one table drives every method.
#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "every_rpc.h"
#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;
using grpc::StatusCode;

// Ids the fixture writes before the sweep (every_rpc::SeedPlan); the bad requests aim at them.
using every_rpc::kAgency;
using every_rpc::kFocusArea;
using every_rpc::kMeasure;
using every_rpc::kPlan;
// How many events SeedPlan writes.
constexpr uint64_t kSeeded = 6;
constexpr uint64_t kFarFuture = uint64_t{1} << 60;
constexpr auto kShortDeadline = std::chrono::seconds(1);

std::string Chars(std::size_t n, char c = 'a') { return std::string(n, c); }
const std::string kLongId = Chars(300);
const std::string kLongText = Chars(20'000);
const std::string kHuge = Chars(5u << 20);  // 5 MiB: over the server's receive limit

struct Case {
  std::string name;
  std::string method;   // "/trygg.v1.Service/Method"
  std::string request;  // serialized
  std::string caller;   // whose token the valid-token call carries
  std::set<StatusCode> expected;
  std::string field;  // an INVALID_ARGUMENT message must name it
  std::chrono::milliseconds timeout = kDeadline;
};

// Appends cases for one method: each a base request (valid unless noted) changed by `edit`.
// Writing a request's fields per case keeps every row a single line of the table.
template <class Request>
class Method {
 public:
  Method(std::vector<Case>* cases, std::string service, std::string method, std::string caller,
         std::function<void(Request&)> base)
      : cases_(cases),
        method_("/trygg.v1." + std::move(service) + "/" + std::move(method)),
        caller_(std::move(caller)),
        base_(std::move(base)) {}

  // The empty request: nothing set at all.
  Method& Empty(std::set<StatusCode> expected, std::string field = "",
                std::chrono::milliseconds timeout = kDeadline) {
    cases_->push_back(Case{method_ + " empty", method_, Request().SerializeAsString(), caller_,
                           std::move(expected), std::move(field), timeout});
    return *this;
  }

  Method& With(std::string name, std::function<void(Request&)> edit, std::set<StatusCode> expected,
               std::string field = "", std::chrono::milliseconds timeout = kDeadline) {
    Request request;
    base_(request);
    edit(request);
    cases_->push_back(Case{method_ + " " + std::move(name), method_, request.SerializeAsString(),
                           caller_, std::move(expected), std::move(field), timeout});
    return *this;
  }

 private:
  std::vector<Case>* cases_;
  std::string method_;
  std::string caller_;
  std::function<void(Request&)> base_;
};

const std::set<StatusCode> kInvalid = {StatusCode::INVALID_ARGUMENT};
const std::set<StatusCode> kNotFound = {StatusCode::NOT_FOUND};
const std::set<StatusCode> kOk = {StatusCode::OK};
const std::set<StatusCode> kDeadlineExceeded = {StatusCode::DEADLINE_EXCEEDED};
const std::set<StatusCode> kTooLarge = {StatusCode::RESOURCE_EXHAUSTED};
// StatusService and EventLogService do not define an id format: a malformed id may be refused
// or simply not found.
const std::set<StatusCode> kInvalidOrNotFound = {StatusCode::INVALID_ARGUMENT,
                                                 StatusCode::NOT_FOUND};

// The whole plan's commands (issue 12). Every row is refused: the base requests aim at the seeded
// plan and measure, and each edit breaks them.
void WholePlanCases(std::vector<Case>& c) {
  const auto plan = [](auto& r) {
    r.set_command_id("bad-plan-command");
    r.set_plan_id(kPlan);
  };
  const auto measure = [](auto& r) {
    r.set_command_id("bad-measure-command");
    r.set_measure_id(kMeasure);
  };
  Method<v1::RecordResidentInputRequest>(&c, "ActionPlanService", "RecordResidentInput", "agency",
                                         [&](auto& r) {
                                           plan(r);
                                           r.set_channel(v1::INPUT_CHANNEL_DIALOGUE);
                                           r.set_received_on("2026-03-12");
                                           r.set_summary("Otryggt vid busstationen.");
                                         })
      .Empty(kInvalid, "command_id")
      .With(
          "channel 99", [](auto& r) { r.set_channel(static_cast<v1::InputChannel>(99)); }, kInvalid,
          "channel")
      .With(
          "received_on 2026-02-30", [](auto& r) { r.set_received_on("2026-02-30"); }, kInvalid,
          "received_on")
      .With(
          "20,000-char summary", [](auto& r) { r.set_summary(kLongText); }, kInvalid, "summary")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "5 MiB summary", [](auto& r) { r.set_summary(kHuge); }, kTooLarge);
  Method<v1::RecordFindingRequest>(&c, "ActionPlanService", "RecordFinding", "coordinator",
                                   [&](auto& r) {
                                     plan(r);
                                     r.set_focus_area(kFocusArea);
                                     r.set_text("Fler narkotikabrott i centrum.");
                                     r.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
                                     r.set_period("2025");
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "source unspecified", [](auto& r) { r.set_source(v1::FINDING_SOURCE_UNSPECIFIED); },
          kInvalid, "source")
      .With(
          "Swedish finding_id", [](auto& r) { r.set_finding_id("fynd-å"); }, kInvalid, "finding_id")
      .With(
          "unknown input cited", [](auto& r) { r.add_input_ids("in-finns-inte"); }, kNotFound);
  Method<v1::ReviseFindingRequest>(&c, "ActionPlanService", "ReviseFinding", "coordinator",
                                   [&](auto& r) {
                                     plan(r);
                                     r.set_finding_id("f-finns-inte");
                                     r.set_text("Ny text.");
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "empty text", [](auto& r) { r.clear_text(); }, kInvalid, "text")
      .With(
          "unknown finding", [](auto&) {}, kNotFound);
  Method<v1::RetireFindingRequest>(&c, "ActionPlanService", "RetireFinding", "coordinator",
                                   [&](auto& r) {
                                     plan(r);
                                     r.set_finding_id("f-finns-inte");
                                     r.set_reason("Inaktuell.");
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "20,000-char reason", [](auto& r) { r.set_reason(kLongText); }, kInvalid, "reason")
      .With(
          "unknown finding", [](auto&) {}, kNotFound);
  Method<v1::IdentifyCauseRequest>(&c, "ActionPlanService", "IdentifyCause", "coordinator",
                                   [&](auto& r) {
                                     plan(r);
                                     r.set_focus_area(kFocusArea);
                                     r.set_text("Öppen handel.");
                                     r.add_finding_ids("f-finns-inte");
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "no findings", [](auto& r) { r.clear_finding_ids(); }, kInvalid, "finding_ids")
      .With(
          "unknown finding", [](auto&) {}, kNotFound);
  Method<v1::ReviseCauseRequest>(&c, "ActionPlanService", "ReviseCause", "coordinator",
                                 [&](auto& r) {
                                   plan(r);
                                   r.set_cause_id("c-finns-inte");
                                   r.set_text("Ny text.");
                                   r.add_finding_ids("f-finns-inte");
                                 })
      .Empty(kInvalid, "command_id")
      .With(
          "uppercase cause_id", [](auto& r) { r.set_cause_id("C-1"); }, kInvalid, "cause_id")
      .With(
          "unknown cause", [](auto&) {}, kNotFound);
  Method<v1::RetireCauseRequest>(&c, "ActionPlanService", "RetireCause", "coordinator",
                                 [&](auto& r) {
                                   plan(r);
                                   r.set_cause_id("c-finns-inte");
                                   r.set_reason("Inaktuell.");
                                 })
      .Empty(kInvalid, "command_id")
      .With(
          "unknown cause", [](auto&) {}, kNotFound);
  Method<v1::LinkMeasureToCauseRequest>(&c, "ActionPlanService", "LinkMeasureToCause",
                                        "coordinator",
                                        [&](auto& r) {
                                          measure(r);
                                          r.set_cause_id("c-finns-inte");
                                        })
      .Empty(kInvalid, "command_id")
      .With(
          "cause_id with a space", [](auto& r) { r.set_cause_id("c 1"); }, kInvalid, "cause_id")
      .With(
          "unknown cause", [](auto&) {}, kNotFound);
  Method<v1::UnlinkMeasureFromCauseRequest>(&c, "ActionPlanService", "UnlinkMeasureFromCause",
                                            "coordinator",
                                            [&](auto& r) {
                                              measure(r);
                                              r.set_cause_id("c-finns-inte");
                                            })
      .Empty(kInvalid, "command_id")
      .With(
          "20,000-char reason", [](auto& r) { r.set_reason(kLongText); }, kInvalid, "reason")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound);
  Method<v1::SetOperationalGoalRequest>(&c, "ActionPlanService", "SetOperationalGoal",
                                        "coordinator",
                                        [&](auto& r) {
                                          measure(r);
                                          r.set_indicator("Anmälda brott");
                                          r.set_baseline(120);
                                          r.set_target(90);
                                          r.set_by_date("2026-12-31");
                                        })
      .Empty(kInvalid, "command_id")
      .With(
          "NaN target", [](auto& r) { r.set_target(std::numeric_limits<double>::quiet_NaN()); },
          kInvalid, "target")
      .With(
          "by_date 2026-12-32", [](auto& r) { r.set_by_date("2026-12-32"); }, kInvalid, "by_date")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound);
  Method<v1::RetireOperationalGoalRequest>(&c, "ActionPlanService", "RetireOperationalGoal",
                                           "coordinator",
                                           [&](auto& r) {
                                             measure(r);
                                             r.set_goal_id("g-finns-inte");
                                           })
      .Empty(kInvalid, "command_id")
      .With(
          "no goal_id", [](auto& r) { r.clear_goal_id(); }, kInvalid, "goal_id")
      .With(
          "unknown goal", [](auto&) {}, kNotFound);
  Method<v1::AddPartnerRequest>(&c, "ActionPlanService", "AddPartner", "coordinator",
                                [&](auto& r) {
                                  measure(r);
                                  r.set_agency_id("ingen-myndighet");
                                  r.set_commitment("Deltar.");
                                })
      .Empty(kInvalid, "command_id")
      .With(
          "no commitment", [](auto& r) { r.clear_commitment(); }, kInvalid, "commitment")
      .With(
          "unknown agency", [](auto&) {}, kNotFound)
      .With("the responsible agency", [](auto& r) { r.set_agency_id(kAgency); },
            {StatusCode::FAILED_PRECONDITION, StatusCode::ALREADY_EXISTS});
  Method<v1::RemovePartnerRequest>(&c, "ActionPlanService", "RemovePartner", "coordinator",
                                   [&](auto& r) {
                                     measure(r);
                                     r.set_agency_id(kAgency);
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "uppercase agency_id", [](auto& r) { r.set_agency_id("Polisen"); }, kInvalid, "agency_id")
      .With("not a partner", [](auto&) {},
            {StatusCode::FAILED_PRECONDITION, StatusCode::NOT_FOUND});
  Method<v1::RecordFollowUpRequest>(&c, "ActionPlanService", "RecordFollowUp", "agency",
                                    [&](auto& r) {
                                      measure(r);
                                      r.set_period("2026-T1");
                                      r.set_health(v1::HEALTH_GREEN);
                                    })
      .Empty(kInvalid, "command_id")
      .With(
          "period 2026-T4", [](auto& r) { r.set_period("2026-T4"); }, kInvalid, "period")
      .With(
          "period of 400 days", [](auto& r) { r.set_period("2026-01-01/2027-02-05"); }, kInvalid,
          "period")
      .With(
          "health 99", [](auto& r) { r.set_health(static_cast<v1::Health>(99)); }, kInvalid,
          "health")
      .With(
          "negative hours", [](auto& r) { r.set_hours(-1); }, kInvalid, "hours")
      .With("another agency's part", [](auto& r) { r.set_party("annan-myndighet"); },
            {StatusCode::PERMISSION_DENIED})
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound);
  Method<v1::FormWorkingGroupRequest>(&c, "ActionPlanService", "FormWorkingGroup", "coordinator",
                                      [&](auto& r) {
                                        plan(r);
                                        r.set_name("Samverkansgrupp");
                                        r.add_agency_ids(kAgency);
                                      })
      .Empty(kInvalid, "command_id")
      .With(
          "no members", [](auto& r) { r.clear_agency_ids(); }, kInvalid, "agency_ids")
      .With(
          "unknown member", [](auto& r) { r.add_agency_ids("ingen-myndighet"); }, kNotFound);
  Method<v1::ChangeWorkingGroupRequest>(&c, "ActionPlanService", "ChangeWorkingGroup",
                                        "coordinator",
                                        [&](auto& r) {
                                          plan(r);
                                          r.set_group_id("wg-finns-inte");
                                          r.set_name("Samverkansgrupp");
                                          r.add_agency_ids(kAgency);
                                        })
      .Empty(kInvalid, "command_id")
      .With(
          "Swedish group_id", [](auto& r) { r.set_group_id("grupp-ö"); }, kInvalid, "group_id")
      .With(
          "unknown group", [](auto&) {}, kNotFound);
  Method<v1::MakeCitizenPromiseRequest>(&c, "ActionPlanService", "MakeCitizenPromise",
                                        "coordinator",
                                        [&](auto& r) {
                                          plan(r);
                                          r.set_text("Vi finns på plats.");
                                          r.add_measure_ids(kMeasure);
                                          r.add_signatories("lokalpolisområdeschef");
                                          r.set_valid_from("2026-01-01");
                                          r.set_valid_to("2026-12-31");
                                        })
      .Empty(kInvalid, "command_id")
      .With(
          "valid_to before valid_from", [](auto& r) { r.set_valid_to("2025-12-31"); }, kInvalid,
          "valid_to")
      .With(
          "no signatories", [](auto& r) { r.clear_signatories(); }, kInvalid, "signatories")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_ids(0, "ingen-atgard"); }, kNotFound);
  Method<v1::EndCitizenPromiseRequest>(&c, "ActionPlanService", "EndCitizenPromise", "coordinator",
                                       [&](auto& r) {
                                         plan(r);
                                         r.set_promise_id("p-finns-inte");
                                         r.set_reason("Avslutat.");
                                       })
      .Empty(kInvalid, "command_id")
      .With(
          "no reason", [](auto& r) { r.clear_reason(); }, kInvalid, "reason")
      .With(
          "unknown promise", [](auto&) {}, kNotFound);
  Method<v1::AdoptPlanRequest>(&c, "ActionPlanService", "AdoptPlan", "coordinator",
                               [&](auto& r) {
                                 plan(r);
                                 r.set_adopted_by("Kommunstyrelsen");
                                 r.set_decision_date("2026-04-15");
                                 r.set_reference("KS 2026/412");
                               })
      .Empty(kInvalid, "command_id")
      .With(
          "decision_date 15 april", [](auto& r) { r.set_decision_date("15 april"); }, kInvalid,
          "decision_date")
      .With(
          "no reference", [](auto& r) { r.clear_reference(); }, kInvalid, "reference")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With("wrong expected_version", [](auto& r) { r.set_expected_version(99); },
            {StatusCode::ABORTED})
      .With("as an agency", [](auto&) {}, {StatusCode::PERMISSION_DENIED});
  c.back().caller = "agency";
}

std::vector<Case> ActionPlanCases() {
  std::vector<Case> c;
  Method<v1::CreatePlanRequest>(&c, "ActionPlanService", "CreatePlan", "coordinator",
                                [](auto& r) {
                                  r.set_command_id("bad-create-plan");
                                  r.set_plan_id("annan-plan");
                                  r.set_name("Annan plan");
                                  r.set_municipality("Gislaveds kommun");
                                  auto* area = r.add_focus_areas();
                                  area->set_key("klotter");
                                  area->set_name("Klotter");
                                })
      .Empty(kInvalid, "command_id")
      .With(
          "300-char command_id", [](auto& r) { r.set_command_id(kLongId); }, kInvalid, "command_id")
      .With(
          "command_id with a space", [](auto& r) { r.set_command_id("a b"); }, kInvalid,
          "command_id")
      .With(
          "300-char plan_id", [](auto& r) { r.set_plan_id(kLongId); }, kInvalid, "plan_id")
      .With(
          "uppercase plan_id", [](auto& r) { r.set_plan_id("Annan-Plan"); }, kInvalid, "plan_id")
      .With(
          "plan_id with spaces", [](auto& r) { r.set_plan_id("annan plan"); }, kInvalid, "plan_id")
      .With(
          "Swedish plan_id", [](auto& r) { r.set_plan_id("tryggare-värnamo"); }, kInvalid,
          "plan_id")
      .With("existing plan_id", [](auto& r) { r.set_plan_id(kPlan); }, {StatusCode::ALREADY_EXISTS})
      .With(
          "20,000-char name", [](auto& r) { r.set_name(kLongText); }, kInvalid, "name")
      .With(
          "no focus areas", [](auto& r) { r.clear_focus_areas(); }, kInvalid, "focus_areas")
      .With(
          "uppercase focus area key", [](auto& r) { r.mutable_focus_areas(0)->set_key("Klotter"); },
          kInvalid, "focus_areas[0].key")
      .With(
          "5 MiB municipality", [](auto& r) { r.set_municipality(kHuge); }, kTooLarge);
  Method<v1::RegisterAgencyRequest>(&c, "ActionPlanService", "RegisterAgency", "coordinator",
                                    [](auto& r) {
                                      r.set_command_id("bad-register-agency");
                                      r.set_agency_id("annan-myndighet");
                                      r.set_name("Annan myndighet");
                                      r.set_kind("other");
                                    })
      .Empty(kInvalid, "command_id")
      .With(
          "300-char agency_id", [](auto& r) { r.set_agency_id(kLongId); }, kInvalid, "agency_id")
      .With(
          "uppercase agency_id", [](auto& r) { r.set_agency_id("Polisen"); }, kInvalid, "agency_id")
      .With(
          "Swedish agency_id", [](auto& r) { r.set_agency_id("räddningstjänsten"); }, kInvalid,
          "agency_id")
      .With("existing agency_id", [](auto& r) { r.set_agency_id(kAgency); },
            {StatusCode::ALREADY_EXISTS})
      .With(
          "20,000-char kind", [](auto& r) { r.set_kind(kLongText); }, kInvalid, "kind")
      .With(
          "5 MiB name", [](auto& r) { r.set_name(kHuge); }, kTooLarge);
  Method<v1::ProposeMeasureRequest>(&c, "ActionPlanService", "ProposeMeasure", "coordinator",
                                    [](auto& r) {
                                      r.set_command_id("bad-propose");
                                      r.set_plan_id(kPlan);
                                      r.set_focus_area(kFocusArea);
                                      r.set_title("Ny åtgärd");
                                      r.set_measure_id("m-2");
                                    })
      .Empty(kInvalid, "command_id")
      .With(
          "uppercase plan_id", [](auto& r) { r.set_plan_id("Tryggare"); }, kInvalid, "plan_id")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "unknown focus area", [](auto& r) { r.set_focus_area("ingen"); }, kInvalid, "focus_area")
      .With(
          "300-char measure_id", [](auto& r) { r.set_measure_id(kLongId); }, kInvalid, "measure_id")
      .With(
          "Swedish measure_id", [](auto& r) { r.set_measure_id("åtgärd-1"); }, kInvalid,
          "measure_id")
      .With(
          "empty title", [](auto& r) { r.clear_title(); }, kInvalid, "title")
      .With(
          "20,000-char description", [](auto& r) { r.set_description(kLongText); }, kInvalid,
          "description")
      .With(
          "5 MiB description", [](auto& r) { r.set_description(kHuge); }, kTooLarge);
  Method<v1::PrioritiseMeasureRequest>(&c, "ActionPlanService", "PrioritiseMeasure", "coordinator",
                                       [](auto& r) {
                                         r.set_command_id("bad-prioritise");
                                         r.set_measure_id(kMeasure);
                                         r.set_priority(v1::PRIORITY_LOW);
                                       })
      .Empty(kInvalid, "command_id")
      .With(
          "priority 99", [](auto& r) { r.set_priority(static_cast<v1::Priority>(99)); }, kInvalid,
          "priority")
      .With(
          "priority unspecified", [](auto& r) { r.set_priority(v1::PRIORITY_UNSPECIFIED); },
          kInvalid, "priority")
      .With(
          "measure_id with a space", [](auto& r) { r.set_measure_id("m 1"); }, kInvalid,
          "measure_id")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "20,000-char rationale", [](auto& r) { r.set_rationale(kLongText); }, kInvalid,
          "rationale")
      .With("wrong expected_version", [](auto& r) { r.set_expected_version(99); },
            {StatusCode::ABORTED});
  Method<v1::AssignMeasureRequest>(&c, "ActionPlanService", "AssignMeasure", "coordinator",
                                   [](auto& r) {
                                     r.set_command_id("bad-assign");
                                     r.set_measure_id(kMeasure);
                                     r.set_agency_id(kAgency);
                                     r.set_due_date("2026-12-31");
                                   })
      .Empty(kInvalid, "command_id")
      .With(
          "due_date 2026-02-30", [](auto& r) { r.set_due_date("2026-02-30"); }, kInvalid,
          "due_date")
      .With(
          "due_date tomorrow", [](auto& r) { r.set_due_date("tomorrow"); }, kInvalid, "due_date")
      .With(
          "due_date 2026-6-30", [](auto& r) { r.set_due_date("2026-6-30"); }, kInvalid, "due_date")
      .With(
          "agency_id with spaces", [](auto& r) { r.set_agency_id("Polisen LPO"); }, kInvalid,
          "agency_id")
      .With(
          "unknown agency", [](auto& r) { r.set_agency_id("ingen-myndighet"); }, kNotFound)
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "20,000-char note", [](auto& r) { r.set_note(kLongText); }, kInvalid, "note");
  Method<v1::StartMeasureRequest>(&c, "ActionPlanService", "StartMeasure", "agency",
                                  [](auto& r) {
                                    r.set_command_id("bad-start");
                                    r.set_measure_id(kMeasure);
                                  })
      .Empty(kInvalid, "command_id")
      .With(
          "300-char measure_id", [](auto& r) { r.set_measure_id(kLongId); }, kInvalid, "measure_id")
      .With(
          "uppercase measure_id", [](auto& r) { r.set_measure_id("M-1"); }, kInvalid, "measure_id")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "5 MiB command_id", [](auto& r) { r.set_command_id(kHuge); }, kTooLarge);
  Method<v1::ReportProgressRequest>(&c, "ActionPlanService", "ReportProgress", "agency",
                                    [](auto& r) {
                                      r.set_command_id("bad-report");
                                      r.set_measure_id(kMeasure);
                                      r.set_percent_complete(50);
                                    })
      .Empty(kInvalid, "command_id")
      .With(
          "percent 101", [](auto& r) { r.set_percent_complete(101); }, kInvalid, "percent_complete")
      .With(
          "percent 4294967295", [](auto& r) { r.set_percent_complete(4294967295u); }, kInvalid,
          "percent_complete")
      .With(
          "20,000-char note", [](auto& r) { r.set_note(kLongText); }, kInvalid, "note")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "5 MiB note", [](auto& r) { r.set_note(kHuge); }, kTooLarge);
  Method<v1::CompleteMeasureRequest>(&c, "ActionPlanService", "CompleteMeasure", "agency",
                                     [](auto& r) {
                                       r.set_command_id("bad-complete");
                                       r.set_measure_id(kMeasure);
                                     })
      .Empty(kInvalid, "command_id")
      .With(
          "Swedish measure_id", [](auto& r) { r.set_measure_id("åtgärd"); }, kInvalid, "measure_id")
      .With(
          "20,000-char outcome", [](auto& r) { r.set_outcome(kLongText); }, kInvalid, "outcome")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound);
  Method<v1::WithdrawMeasureRequest>(&c, "ActionPlanService", "WithdrawMeasure", "coordinator",
                                     [](auto& r) {
                                       r.set_command_id("bad-withdraw");
                                       r.set_measure_id(kMeasure);
                                     })
      .Empty(kInvalid, "command_id")
      .With(
          "measure_id with an underscore", [](auto& r) { r.set_measure_id("m_1"); }, kInvalid,
          "measure_id")
      .With(
          "20,000-char reason", [](auto& r) { r.set_reason(kLongText); }, kInvalid, "reason")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "5 MiB reason", [](auto& r) { r.set_reason(kHuge); }, kTooLarge);
  WholePlanCases(c);
  return c;
}

std::vector<Case> StatusCases() {
  std::vector<Case> c;
  Method<v1::GetMeasureRequest>(&c, "StatusService", "GetMeasure", "coordinator",
                                [](auto& r) { r.set_measure_id(kMeasure); })
      .Empty(kInvalid, "measure_id")
      .With(
          "unknown measure", [](auto& r) { r.set_measure_id("ingen-atgard"); }, kNotFound)
      .With(
          "300-char measure_id", [](auto& r) { r.set_measure_id(kLongId); }, kInvalidOrNotFound,
          "measure_id")
      .With(
          "Swedish measure_id", [](auto& r) { r.set_measure_id("Åtgärd 1"); }, kInvalidOrNotFound,
          "measure_id")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::ListMeasuresRequest>(&c, "StatusService", "ListMeasures", "coordinator",
                                  [](auto& r) { r.set_plan_id(kPlan); })
      .Empty(kOk)
      .With(
          "page_size 501", [](auto& r) { r.set_page_size(501); }, kInvalid, "page_size")
      .With(
          "page_token garbage", [](auto& r) { r.set_page_token("garbage"); }, kInvalid,
          "page_token")
      .With(
          "status 99", [](auto& r) { r.set_status(static_cast<v1::MeasureStatus>(99)); }, kInvalid,
          "status")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline)
      .With(
          "5 MiB page_token", [](auto& r) { r.set_page_token(kHuge); }, kTooLarge);
  Method<v1::GetAgencyStatusRequest>(&c, "StatusService", "GetAgencyStatus", "coordinator",
                                     [](auto& r) { r.set_agency_id(kAgency); })
      .Empty(kInvalid, "agency_id")
      .With(
          "page_size 501", [](auto& r) { r.set_page_size(501); }, kInvalid, "page_size")
      .With(
          "unknown agency", [](auto& r) { r.set_agency_id("ingen-myndighet"); }, kNotFound)
      .With(
          "300-char agency_id", [](auto& r) { r.set_agency_id(kLongId); }, kInvalidOrNotFound,
          "agency_id")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::GetPlanOverviewRequest>(&c, "StatusService", "GetPlanOverview", "coordinator",
                                     [](auto& r) { r.set_plan_id(kPlan); })
      .Empty(kInvalid, "plan_id")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "uppercase plan_id with spaces", [](auto& r) { r.set_plan_id("Tryggare Värnamo"); },
          kInvalidOrNotFound, "plan_id")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::GetSituationPictureRequest>(&c, "StatusService", "GetSituationPicture", "reader",
                                         [](auto& r) { r.set_plan_id(kPlan); })
      .Empty(kInvalid, "plan_id")
      .With(
          "uppercase plan_id", [](auto& r) { r.set_plan_id("Tryggare"); }, kInvalid, "plan_id")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "unknown focus area", [](auto& r) { r.set_focus_area("ingen"); }, kInvalidOrNotFound,
          "focus_area")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::GetTraceabilityRequest>(&c, "StatusService", "GetTraceability", "reader",
                                     [](auto& r) { r.set_plan_id(kPlan); })
      .Empty(kInvalid, "plan_id")
      .With(
          "period 2026-H3", [](auto& r) { r.set_period("2026-H3"); }, kInvalid, "period")
      .With(
          "page_size 1001", [](auto& r) { r.set_page_size(1'001); }, kInvalid, "page_size")
      .With(
          "page_token garbage", [](auto& r) { r.set_page_token("garbage"); }, kInvalid,
          "page_token")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "5 MiB page_token", [](auto& r) { r.set_page_token(kHuge); }, kTooLarge);
  Method<v1::GetFollowUpSummaryRequest>(&c, "StatusService", "GetFollowUpSummary", "reader",
                                        [](auto& r) {
                                          r.set_plan_id(kPlan);
                                          r.set_period("2026-T1");
                                        })
      .Empty(kInvalid, "plan_id")
      .With(
          "no period", [](auto& r) { r.clear_period(); }, kInvalid, "period")
      .With(
          "period 2026-13-01/2026-12-31", [](auto& r) { r.set_period("2026-13-01/2026-12-31"); },
          kInvalid, "period")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::GetWorkingGroupStatusRequest>(&c, "StatusService", "GetWorkingGroupStatus", "reader",
                                           [](auto& r) {
                                             r.set_plan_id(kPlan);
                                             r.set_group_id("wg-finns-inte");
                                           })
      .Empty(kInvalid, "plan_id")
      .With(
          "no group_id", [](auto& r) { r.clear_group_id(); }, kInvalid, "group_id")
      .With(
          "group_id with a space", [](auto& r) { r.set_group_id("wg 1"); }, kInvalid, "group_id")
      .With(
          "unknown group", [](auto&) {}, kNotFound);
  Method<v1::GetPlanReportRequest>(&c, "StatusService", "GetPlanReport", "reader",
                                   [](auto& r) { r.set_plan_id(kPlan); })
      .Empty(kInvalid, "plan_id")
      .With(
          "uppercase plan_id", [](auto& r) { r.set_plan_id("Tryggare"); }, kInvalid, "plan_id")
      .With(
          "unknown plan", [](auto& r) { r.set_plan_id("ingen-plan"); }, kNotFound)
      .With(
          "position 0", [](auto& r) { r.set_position(0); }, kInvalid, "as_of.position")
      .With(
          "position beyond the head", [](auto& r) { r.set_position(kFarFuture); }, kInvalid,
          "as_of.position")
      .With(
          "date 2026-02-30", [](auto& r) { r.set_date("2026-02-30"); }, kInvalid, "as_of.date")
      .With(
          "time with 2e9 nanos", [](auto& r) { r.mutable_time()->set_nanos(2'000'000'000); },
          kInvalid, "as_of.time")
      .With(
          "adopted_version 0", [](auto& r) { r.set_adopted_version(0); }, kInvalid,
          "as_of.adopted_version")
      .With(
          "adopted_version never adopted", [](auto& r) { r.set_adopted_version(99); }, kNotFound)
      .With(
          "period 2026-T4", [](auto& r) { r.set_period("2026-T4"); }, kInvalid, "period")
      .With(
          "page_size 501", [](auto& r) { r.set_page_size(501); }, kInvalid, "page_size")
      .With(
          "page_token garbage", [](auto& r) { r.set_page_token("garbage"); }, kInvalid,
          "page_token")
      .With(
          "min_position in the future", [](auto& r) { r.set_min_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline)
      .With(
          "5 MiB page_token", [](auto& r) { r.set_page_token(kHuge); }, kTooLarge);
  // WhoAmIRequest has no fields to get wrong; the token cases still apply.
  Method<v1::WhoAmIRequest>(&c, "StatusService", "WhoAmI", "reader", [](auto&) {}).Empty(kOk);
  return c;
}

std::vector<Case> EventLogCases() {
  std::vector<Case> c;
  Method<v1::ReadStreamRequest>(
      &c, "EventLogService", "ReadStream", "coordinator",
      [](auto& r) { r.set_stream_id(std::string("measure-") + kMeasure); })
      .Empty(kInvalid, "stream_id")
      .With(
          "max_count 20000", [](auto& r) { r.set_max_count(20'000); }, kInvalid, "max_count")
      .With(
          "unknown stream", [](auto& r) { r.set_stream_id("measure-ingen"); }, kOk)
      .With("300-char stream_id", [](auto& r) { r.set_stream_id(kLongId); },
            {StatusCode::OK, StatusCode::INVALID_ARGUMENT})
      .With(
          "from_version in the future", [](auto& r) { r.set_from_version(kFarFuture); }, kOk)
      .With(
          "5 MiB stream_id", [](auto& r) { r.set_stream_id(kHuge); }, kTooLarge);
  Method<v1::ReadAllRequest>(&c, "EventLogService", "ReadAll", "coordinator", [](auto&) {})
      .Empty(kOk)
      .With(
          "max_count 20000", [](auto& r) { r.set_max_count(20'000); }, kInvalid, "max_count")
      .With(
          "from_position in the future", [](auto& r) { r.set_from_position(kFarFuture); }, kOk);
  // Subscribe never ends by itself: a live subscription runs into its deadline.
  Method<v1::SubscribeRequest>(&c, "EventLogService", "Subscribe", "coordinator", [](auto&) {})
      .Empty(kDeadlineExceeded, "", kShortDeadline)
      .With(
          "from_position in the future", [](auto& r) { r.set_from_position(kFarFuture); },
          kDeadlineExceeded, "", kShortDeadline);
  Method<v1::GetHeadRequest>(&c, "EventLogService", "GetHead", "coordinator", [](auto&) {})
      .Empty(kOk)
      .With("as a reader", [](auto&) {}, {StatusCode::PERMISSION_DENIED});
  c.back().caller = "reader";
  return c;
}

class BadInputE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    tokens_["coordinator"] = AddToken(dir_, "samordnare", "coordinator");
    tokens_["agency"] = AddToken(dir_, "kommunpolis", "agency", kAgency);
    tokens_["auditor"] = AddToken(dir_, "revisor", "auditor");
    tokens_["reader"] = AddToken(dir_, "lasare", "reader");
    server_.emplace(dir_, std::vector<std::string>{"--tokens", dir_.Sub("tokens").string()});
    ASSERT_FALSE(server_->address().empty());
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    ASSERT_NO_FATAL_FAILURE(every_rpc::SeedPlan(server_->address(), tokens_.at("coordinator")));
  }

  std::unique_ptr<grpc::ClientContext> Context(const std::string& role) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + tokens_.at(role));
    context->set_deadline(std::chrono::system_clock::now() + kDeadline);
    return context;
  }

  v1::Head Head() {
    v1::Head head;
    grpc::Status s = v1::EventLogService::NewStub(channel_)->GetHead(Context("auditor").get(),
                                                                     v1::GetHeadRequest(), &head);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return head;
  }

  // SIGTERM, after closing the fixture's channel: an idle connection would hold up the server's
  // shutdown for its whole grace period.
  int Terminate() {
    channel_.reset();
    return server_->Terminate();
  }

  // Runs every case with its caller's token, with no token and with a garbage token.
  void Sweep(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      RawReply reply = RawCall(server_->address(), c.method, {c.request},
                               "Bearer " + tokens_.at(c.caller), c.timeout);
      Check(reply.status, c.expected, c.field);
      // Without a valid token: refused before anything else, except a message over the receive
      // limit, which the server refuses before it sees the call's metadata.
      const std::set<StatusCode> unauthenticated =
          c.expected == kTooLarge ? kTooLarge : std::set<StatusCode>{StatusCode::UNAUTHENTICATED};
      for (const std::string& authorization :
           {std::string(), std::string("Bearer trygg_garbage"), std::string("garbage")}) {
        SCOPED_TRACE("authorization '" + authorization + "'");
        RawReply refused =
            RawCall(server_->address(), c.method, {c.request}, authorization, c.timeout);
        Check(refused.status, unauthenticated, "");
        EXPECT_TRUE(refused.messages.empty());
      }
    }
  }

  static void Check(const grpc::Status& status, const std::set<StatusCode>& expected,
                    const std::string& field) {
    const std::string got =
        std::to_string(static_cast<int>(status.error_code())) + " " + status.error_message();
    EXPECT_NE(status.error_code(), StatusCode::UNKNOWN) << got;
    EXPECT_NE(status.error_code(), StatusCode::INTERNAL) << got;
    EXPECT_TRUE(expected.count(status.error_code()) == 1) << got;
    if (status.error_code() == StatusCode::INVALID_ARGUMENT && !field.empty()) {
      EXPECT_NE(status.error_message().find(field), std::string::npos) << got;
    }
  }

  TempDir dir_;
  std::map<std::string, std::string> tokens_;
  std::optional<RunningServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(BadInputE2E, EveryRpcRefusesBadInputWithTheContractsStatusAndWritesNothing) {
  const v1::Head before = Head();
  ASSERT_EQ(before.position(), kSeeded);
  std::set<std::string> methods;
  for (const auto& cases : {ActionPlanCases(), StatusCases(), EventLogCases()}) {
    for (const Case& c : cases) methods.insert(c.method);
    Sweep(cases);
  }
  // Every RPC of the contract has its cases: a new RPC fails here until it gets some.
  std::size_t rpcs = 0;
  for (const char* service :
       {"trygg.v1.ActionPlanService", "trygg.v1.StatusService", "trygg.v1.EventLogService"}) {
    rpcs += static_cast<std::size_t>(google::protobuf::DescriptorPool::generated_pool()
                                         ->FindServiceByName(service)
                                         ->method_count());
  }
  EXPECT_EQ(methods.size(), rpcs);

  const v1::Head after = Head();
  EXPECT_EQ(after.position(), before.position());
  EXPECT_EQ(after.hash(), before.hash());
  EXPECT_TRUE(IsServing(server_->address()));
  EXPECT_EQ(Terminate(), 0);
}

// The valid requests the table's rows start from reach the server's decisions: read requests
// answer with data, and ReadAll from the start returns the whole (seeded) log.
TEST_F(BadInputE2E, StreamingReadsRunToTheEnd) {
  RawReply all =
      RawCall(server_->address(), "/trygg.v1.EventLogService/ReadAll",
              {v1::ReadAllRequest().SerializeAsString()}, "Bearer " + tokens_.at("auditor"));
  ASSERT_TRUE(all.status.ok()) << all.status.error_message();
  ASSERT_EQ(all.messages.size(), kSeeded);
  v1::Event last;
  ASSERT_TRUE(last.ParseFromString(all.messages.back()));
  EXPECT_EQ(last.position(), kSeeded);
  EXPECT_EQ(last.hash(), Head().hash());

  v1::ReadStreamRequest stream;
  stream.set_stream_id(std::string("measure-") + kMeasure);
  stream.set_max_count(2);
  RawReply two = RawCall(server_->address(), "/trygg.v1.EventLogService/ReadStream",
                         {stream.SerializeAsString()}, "Bearer " + tokens_.at("auditor"));
  ASSERT_TRUE(two.status.ok()) << two.status.error_message();
  EXPECT_EQ(two.messages.size(), 2u);
  EXPECT_EQ(Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
