// A small plan written through ActionPlanService by end-to-end tests: the plan with one focus
// area, one agency, and measures taken from proposed to started.
#pragma once

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "server_process.h"
#include "trygg/v1/action_plan.grpc.pb.h"

namespace trygg::testing {

inline constexpr char kPlan[] = "tryggare-varnamo-2026";
inline constexpr char kAgency[] = "polisen-lpo-varnamo";

// A call's context with `token` as its bearer token (none when empty) and the tests' deadline.
inline std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + kDeadline);
  return context;
}

inline void ExpectOk(const grpc::Status& status) {
  EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
}

// The plan kPlan (focus area "narkotika") and the agency kAgency, as the coordinator.
inline void CreatePlanAndAgency(trygg::v1::ActionPlanService::Stub& stub,
                                const std::string& coordinator, trygg::v1::CommandReply& reply) {
  trygg::v1::CreatePlanRequest plan;
  plan.set_command_id("plan");
  plan.set_plan_id(kPlan);
  plan.set_name("Tryggare Värnamo 2026");
  plan.set_municipality("Värnamo kommun");
  auto* area = plan.add_focus_areas();
  area->set_key("narkotika");
  area->set_name("Narkotika");
  ExpectOk(stub.CreatePlan(Context(coordinator).get(), plan, &reply));
  trygg::v1::RegisterAgencyRequest agency;
  agency.set_command_id("agency");
  agency.set_agency_id(kAgency);
  agency.set_name("Polisen, lokalpolisområde Värnamo");
  ExpectOk(stub.RegisterAgency(Context(coordinator).get(), agency, &reply));
}

// Measure `id` proposed, prioritised and assigned to kAgency by the coordinator, and started by
// the agency: four events, the last one's reply in `reply`.
inline void StartedMeasure(trygg::v1::ActionPlanService::Stub& stub, const std::string& coordinator,
                           const std::string& agency, const std::string& id,
                           trygg::v1::CommandReply& reply) {
  trygg::v1::ProposeMeasureRequest propose;
  propose.set_command_id("propose-" + id);
  propose.set_plan_id(kPlan);
  propose.set_focus_area("narkotika");
  propose.set_title("Åtgärd " + id);
  propose.set_measure_id(id);
  ExpectOk(stub.ProposeMeasure(Context(coordinator).get(), propose, &reply));
  trygg::v1::PrioritiseMeasureRequest prioritise;
  prioritise.set_command_id("prioritise-" + id);
  prioritise.set_measure_id(id);
  prioritise.set_priority(trygg::v1::PRIORITY_MEDIUM);
  ExpectOk(stub.PrioritiseMeasure(Context(coordinator).get(), prioritise, &reply));
  trygg::v1::AssignMeasureRequest assign;
  assign.set_command_id("assign-" + id);
  assign.set_measure_id(id);
  assign.set_agency_id(kAgency);
  assign.set_due_date("2026-12-31");
  ExpectOk(stub.AssignMeasure(Context(coordinator).get(), assign, &reply));
  trygg::v1::StartMeasureRequest start;
  start.set_command_id("start-" + id);
  start.set_measure_id(id);
  ExpectOk(stub.StartMeasure(Context(agency).get(), start, &reply));
}

}  // namespace trygg::testing
