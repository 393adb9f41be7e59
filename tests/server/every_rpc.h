// Every RPC of every trygg service with a minimal valid request each: the one list the role
// matrix and the log-hygiene test both walk. role_matrix_e2e_test checks it against the services'
// descriptors, so an RPC added to a .proto without a row here fails that test.
//
// The requests aim at the plan SeedPlan writes (kPlan, its agencies and kMeasure, assigned to
// kAgency). Items the seed does not write (findings, causes, goals, groups, promises) are named
// by fixed ids: a caller the role table admits may then get NOT_FOUND or FAILED_PRECONDITION
// from the domain, which is past authorisation, and that is all these tests need. Every free-text
// field carries `text`, so a test can look for it in what the server says.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::testing::every_rpc {

namespace v1 = ::trygg::v1;

inline constexpr char kPlan[] = "tryggare-varnamo-2026";
inline constexpr char kFocusArea[] = "narkotika";
inline constexpr char kAgency[] = "polisen-lpo-varnamo";             // kMeasure is assigned to it
inline constexpr char kOtherAgency[] = "raddningstjansten-varnamo";  // kMeasure is not its
inline constexpr char kMeasure[] = "m-1";

struct Rpc {
  std::string service;  // "trygg.v1.ActionPlanService", as the role table names it
  std::string method;   // "CreatePlan"
  // Acts on kMeasure: an agency may only do so for its own agency's measures (the domain's rule).
  bool on_measure = false;
  // Follows the log until cancelled (Subscribe): a call the server admits ends at its deadline.
  bool endless = false;
  // The serialized request; `command_id` for commands, `text` in every free-text field.
  std::function<std::string(const std::string& command_id, const std::string& text)> request;

  std::string path() const { return "/" + service + "/" + method; }
};

namespace internal {

template <class Request>
Rpc Make(std::string service, std::string method, bool on_measure,
         std::function<void(Request&, const std::string& command_id, const std::string& text)> fill,
         bool endless = false) {
  return Rpc{"trygg.v1." + std::move(service), std::move(method), on_measure, endless,
             [fill](const std::string& command_id, const std::string& text) {
               Request r;
               fill(r, command_id, text);
               return r.SerializeAsString();
             }};
}

template <class Request>
Rpc Command(std::string method, bool on_measure,
            std::function<void(Request&, const std::string& text)> fill) {
  return Make<Request>("ActionPlanService", std::move(method), on_measure,
                       [fill](Request& r, const std::string& command_id, const std::string& text) {
                         r.set_command_id(command_id);
                         fill(r, text);
                       });
}

template <class Request>
Rpc Query(std::string service, std::string method, std::function<void(Request&)> fill,
          bool endless = false) {
  return Make<Request>(
      std::move(service), std::move(method), false,
      [fill](Request& r, const std::string&, const std::string&) { fill(r); }, endless);
}

}  // namespace internal

// Every RPC, in the order of the .proto files' methods.
inline std::vector<Rpc> EveryRpc() {
  using internal::Command;
  using internal::Query;
  constexpr bool kOnMeasure = true;
  constexpr bool kOnPlan = false;
  return {
      Command<v1::CreatePlanRequest>("CreatePlan", kOnPlan,
                                     [](auto& r, const std::string& text) {
                                       r.set_plan_id("annan-plan");
                                       r.set_name(text);
                                       r.set_municipality(text);
                                       auto* area = r.add_focus_areas();
                                       area->set_key("klotter");
                                       area->set_name(text);
                                     }),
      Command<v1::RegisterAgencyRequest>("RegisterAgency", kOnPlan,
                                         [](auto& r, const std::string& text) {
                                           r.set_agency_id("annan-myndighet");
                                           r.set_name(text);
                                           r.set_kind(text);
                                         }),
      Command<v1::ProposeMeasureRequest>("ProposeMeasure", kOnPlan,
                                         [](auto& r, const std::string& text) {
                                           r.set_plan_id(kPlan);
                                           r.set_focus_area(kFocusArea);
                                           r.set_title(text);
                                           r.set_description(text);
                                         }),
      Command<v1::PrioritiseMeasureRequest>("PrioritiseMeasure", kOnMeasure,
                                            [](auto& r, const std::string& text) {
                                              r.set_measure_id(kMeasure);
                                              r.set_priority(v1::PRIORITY_HIGH);
                                              r.set_rationale(text);
                                            }),
      Command<v1::AssignMeasureRequest>("AssignMeasure", kOnMeasure,
                                        [](auto& r, const std::string& text) {
                                          r.set_measure_id(kMeasure);
                                          r.set_agency_id(kAgency);
                                          r.set_due_date("2026-12-31");
                                          r.set_note(text);
                                        }),
      Command<v1::StartMeasureRequest>(
          "StartMeasure", kOnMeasure,
          [](auto& r, const std::string&) { r.set_measure_id(kMeasure); }),
      Command<v1::ReportProgressRequest>("ReportProgress", kOnMeasure,
                                         [](auto& r, const std::string& text) {
                                           r.set_measure_id(kMeasure);
                                           r.set_percent_complete(50);
                                           r.set_note(text);
                                         }),
      Command<v1::CompleteMeasureRequest>("CompleteMeasure", kOnMeasure,
                                          [](auto& r, const std::string& text) {
                                            r.set_measure_id(kMeasure);
                                            r.set_outcome(text);
                                          }),
      Command<v1::WithdrawMeasureRequest>("WithdrawMeasure", kOnMeasure,
                                          [](auto& r, const std::string& text) {
                                            r.set_measure_id(kMeasure);
                                            r.set_reason(text);
                                          }),
      Command<v1::RecordResidentInputRequest>("RecordResidentInput", kOnPlan,
                                              [](auto& r, const std::string& text) {
                                                r.set_plan_id(kPlan);
                                                r.set_channel(v1::INPUT_CHANNEL_DIALOGUE);
                                                r.set_area(text);
                                                r.set_received_on("2026-03-12");
                                                r.set_summary(text);
                                              }),
      Command<v1::RecordFindingRequest>("RecordFinding", kOnPlan,
                                        [](auto& r, const std::string& text) {
                                          r.set_plan_id(kPlan);
                                          r.set_finding_id("f-1");
                                          r.set_focus_area(kFocusArea);
                                          r.set_text(text);
                                          r.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
                                          r.set_period("2025");
                                          r.set_area(text);
                                        }),
      Command<v1::ReviseFindingRequest>("ReviseFinding", kOnPlan,
                                        [](auto& r, const std::string& text) {
                                          r.set_plan_id(kPlan);
                                          r.set_finding_id("f-1");
                                          r.set_text(text);
                                        }),
      Command<v1::RetireFindingRequest>("RetireFinding", kOnPlan,
                                        [](auto& r, const std::string& text) {
                                          r.set_plan_id(kPlan);
                                          r.set_finding_id("f-1");
                                          r.set_reason(text);
                                        }),
      Command<v1::IdentifyCauseRequest>("IdentifyCause", kOnPlan,
                                        [](auto& r, const std::string& text) {
                                          r.set_plan_id(kPlan);
                                          r.set_cause_id("c-1");
                                          r.set_focus_area(kFocusArea);
                                          r.set_text(text);
                                          r.add_finding_ids("f-1");
                                        }),
      Command<v1::ReviseCauseRequest>("ReviseCause", kOnPlan,
                                      [](auto& r, const std::string& text) {
                                        r.set_plan_id(kPlan);
                                        r.set_cause_id("c-1");
                                        r.set_text(text);
                                        r.add_finding_ids("f-1");
                                      }),
      Command<v1::RetireCauseRequest>("RetireCause", kOnPlan,
                                      [](auto& r, const std::string& text) {
                                        r.set_plan_id(kPlan);
                                        r.set_cause_id("c-1");
                                        r.set_reason(text);
                                      }),
      Command<v1::LinkMeasureToCauseRequest>("LinkMeasureToCause", kOnMeasure,
                                             [](auto& r, const std::string&) {
                                               r.set_measure_id(kMeasure);
                                               r.set_cause_id("c-1");
                                             }),
      Command<v1::UnlinkMeasureFromCauseRequest>("UnlinkMeasureFromCause", kOnMeasure,
                                                 [](auto& r, const std::string& text) {
                                                   r.set_measure_id(kMeasure);
                                                   r.set_cause_id("c-1");
                                                   r.set_reason(text);
                                                 }),
      Command<v1::SetOperationalGoalRequest>("SetOperationalGoal", kOnMeasure,
                                             [](auto& r, const std::string& text) {
                                               r.set_measure_id(kMeasure);
                                               r.set_goal_id("g-1");
                                               r.set_indicator(text);
                                               r.set_baseline(120);
                                               r.set_target(90);
                                               r.set_by_date("2026-12-31");
                                             }),
      Command<v1::RetireOperationalGoalRequest>("RetireOperationalGoal", kOnMeasure,
                                                [](auto& r, const std::string& text) {
                                                  r.set_measure_id(kMeasure);
                                                  r.set_goal_id("g-1");
                                                  r.set_reason(text);
                                                }),
      Command<v1::AddPartnerRequest>("AddPartner", kOnMeasure,
                                     [](auto& r, const std::string& text) {
                                       r.set_measure_id(kMeasure);
                                       r.set_agency_id(kOtherAgency);
                                       r.set_commitment(text);
                                     }),
      Command<v1::RemovePartnerRequest>("RemovePartner", kOnMeasure,
                                        [](auto& r, const std::string& text) {
                                          r.set_measure_id(kMeasure);
                                          r.set_agency_id(kOtherAgency);
                                          r.set_reason(text);
                                        }),
      Command<v1::RecordFollowUpRequest>("RecordFollowUp", kOnMeasure,
                                         [](auto& r, const std::string& text) {
                                           r.set_measure_id(kMeasure);
                                           r.set_party(kAgency);  // kAgency's part, by name
                                           r.set_period("2026-T1");
                                           r.set_health(v1::HEALTH_YELLOW);
                                           r.set_comment(text);
                                         }),
      Command<v1::FormWorkingGroupRequest>("FormWorkingGroup", kOnPlan,
                                           [](auto& r, const std::string& text) {
                                             r.set_plan_id(kPlan);
                                             r.set_group_id("wg-1");
                                             r.set_name(text);
                                             r.add_agency_ids(kAgency);
                                           }),
      Command<v1::ChangeWorkingGroupRequest>("ChangeWorkingGroup", kOnPlan,
                                             [](auto& r, const std::string& text) {
                                               r.set_plan_id(kPlan);
                                               r.set_group_id("wg-1");
                                               r.set_name(text);
                                               r.add_agency_ids(kAgency);
                                               r.add_agency_ids(kOtherAgency);
                                             }),
      Command<v1::MakeCitizenPromiseRequest>("MakeCitizenPromise", kOnPlan,
                                             [](auto& r, const std::string& text) {
                                               r.set_plan_id(kPlan);
                                               r.set_promise_id("p-1");
                                               r.set_text(text);
                                               r.add_measure_ids(kMeasure);
                                               r.add_signatories(text);
                                               r.set_valid_from("2026-01-01");
                                               r.set_valid_to("2026-12-31");
                                             }),
      Command<v1::EndCitizenPromiseRequest>("EndCitizenPromise", kOnPlan,
                                            [](auto& r, const std::string& text) {
                                              r.set_plan_id(kPlan);
                                              r.set_promise_id("p-1");
                                              r.set_reason(text);
                                            }),
      Command<v1::AdoptPlanRequest>("AdoptPlan", kOnPlan,
                                    [](auto& r, const std::string& text) {
                                      r.set_plan_id(kPlan);
                                      r.set_adopted_by(text);
                                      r.set_decision_date("2026-04-15");
                                      r.set_reference(text);
                                      r.add_signatories(text);
                                    }),
      Query<v1::GetMeasureRequest>("StatusService", "GetMeasure",
                                   [](auto& r) { r.set_measure_id(kMeasure); }),
      Query<v1::ListMeasuresRequest>("StatusService", "ListMeasures",
                                     [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::GetAgencyStatusRequest>("StatusService", "GetAgencyStatus",
                                        [](auto& r) { r.set_agency_id(kAgency); }),
      Query<v1::GetPlanOverviewRequest>("StatusService", "GetPlanOverview",
                                        [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::WhoAmIRequest>("StatusService", "WhoAmI", [](auto&) {}),
      Query<v1::GetSituationPictureRequest>("StatusService", "GetSituationPicture",
                                            [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::GetTraceabilityRequest>("StatusService", "GetTraceability",
                                        [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::GetFollowUpSummaryRequest>("StatusService", "GetFollowUpSummary",
                                           [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::GetWorkingGroupStatusRequest>("StatusService", "GetWorkingGroupStatus",
                                              [](auto& r) {
                                                r.set_plan_id(kPlan);
                                                r.set_group_id("wg-1");
                                              }),
      Query<v1::GetPlanReportRequest>("StatusService", "GetPlanReport",
                                      [](auto& r) { r.set_plan_id(kPlan); }),
      Query<v1::ReadStreamRequest>("EventLogService", "ReadStream",
                                   [](auto& r) { r.set_stream_id("measure-m-1"); }),
      Query<v1::ReadAllRequest>("EventLogService", "ReadAll", [](auto&) {}),
      Query<v1::SubscribeRequest>(
          "EventLogService", "Subscribe", [](auto&) {}, /*endless=*/true),
      Query<v1::GetHeadRequest>("EventLogService", "GetHead", [](auto&) {}),
  };
}

// How long a call to an endless RPC runs before its deadline ends it.
inline constexpr auto kEndlessDeadline = std::chrono::milliseconds(500);

// Calls `rpc` with `authorization` ("" for none; otherwise the whole header value).
inline RawReply Call(const std::string& address, const Rpc& rpc, const std::string& authorization,
                     const std::string& command_id, const std::string& text) {
  return RawCall(address, rpc.path(), {rpc.request(command_id, text)}, authorization,
                 rpc.endless ? std::chrono::milliseconds(kEndlessDeadline) : kDeadline);
}

// The log's head position, read as `token`'s principal.
inline uint64_t HeadPosition(const std::string& address, const std::string& token) {
  RawReply reply =
      RawCall(address, "/trygg.v1.EventLogService/GetHead", {std::string()}, "Bearer " + token);
  v1::Head head;
  EXPECT_TRUE(reply.status.ok()) << reply.status.error_message();
  EXPECT_TRUE(reply.messages.size() == 1 && head.ParseFromString(reply.messages[0]));
  return head.position();
}

// Writes the plan the requests aim at, as the coordinator `token`: kPlan with kFocusArea, kAgency
// and kOtherAgency registered, kMeasure proposed, prioritised and assigned to kAgency.
inline void SeedPlan(const std::string& address, const std::string& token) {
  v1::CreatePlanRequest plan;
  plan.set_command_id("seed-plan");
  plan.set_plan_id(kPlan);
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_municipality("Värnamo kommun");
  auto* area = plan.add_focus_areas();
  area->set_key(kFocusArea);
  area->set_name("Narkotika");
  v1::RegisterAgencyRequest police;
  police.set_command_id("seed-police");
  police.set_agency_id(kAgency);
  police.set_name("Polisen LPO Värnamo");
  v1::RegisterAgencyRequest rescue;
  rescue.set_command_id("seed-rescue");
  rescue.set_agency_id(kOtherAgency);
  rescue.set_name("Räddningstjänsten Värnamo");
  v1::ProposeMeasureRequest propose;
  propose.set_command_id("seed-propose");
  propose.set_plan_id(kPlan);
  propose.set_focus_area(kFocusArea);
  propose.set_title("Nattvandring i centrum");
  propose.set_measure_id(kMeasure);
  v1::PrioritiseMeasureRequest prioritise;
  prioritise.set_command_id("seed-prioritise");
  prioritise.set_measure_id(kMeasure);
  prioritise.set_priority(v1::PRIORITY_HIGH);
  v1::AssignMeasureRequest assign;
  assign.set_command_id("seed-assign");
  assign.set_measure_id(kMeasure);
  assign.set_agency_id(kAgency);
  assign.set_due_date("2026-12-31");
  const std::pair<const char*, const google::protobuf::Message*> steps[] = {
      {"CreatePlan", &plan},        {"RegisterAgency", &police},        {"RegisterAgency", &rescue},
      {"ProposeMeasure", &propose}, {"PrioritiseMeasure", &prioritise}, {"AssignMeasure", &assign}};
  for (const auto& [method, request] : steps) {
    RawReply reply = RawCall(address, std::string("/trygg.v1.ActionPlanService/") + method,
                             {request->SerializeAsString()}, "Bearer " + token);
    ASSERT_TRUE(reply.status.ok()) << method << ": " << reply.status.error_message();
  }
}

}  // namespace trygg::testing::every_rpc
