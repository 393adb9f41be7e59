// A seeded generator of ActionPlanService's whole command mix for one client, for the crash test
// (tests/server/crash_load_e2e_test.cc) and the soak (tests/bench/soak_client.cc): registering
// agencies, creating plans, residents' input, findings, causes, working groups, citizen promises,
// adoptions, and measures proposed and taken through their lifecycle with causes, goals,
// partners and follow-ups. Every command is valid when it is sent: the generator keeps a model
// of what its acknowledged commands made (statuses, versions, current items) and asks the
// domain's lifecycle (trygg/domain/lifecycle.h) which measure commands a status allows and where
// they lead.
//
// One command is outstanding at a time: Next() gives it (the same one, byte for byte, until it is
// acknowledged, so a command in doubt is retried with the same command_id and request), and
// Acknowledge() takes its reply and moves the model on. A client owns the plans, measures and
// agencies it creates (their ids start with its prefix), so nobody else's write can make its
// model wrong, and its expected_versions always match.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "testutil/generic_call.h"
#include "trygg/domain/lifecycle.h"
#include "trygg/domain/streams.h"
#include "trygg/v1/action_plan.pb.h"

namespace trygg::testing {

// Who sends a command: the coordinator, or the client's own agency (the responsible agency's
// start, progress and completion, its own follow-up, and some proposals and inputs).
enum class Sender { kCoordinator, kAgency };

// The aggregate a command writes to: its reply's id names it.
enum class Aggregate { kPlan, kAgency, kMeasure };

struct MixCommand {
  std::string method;  // an ActionPlanService method, e.g. "AssignMeasure"
  std::string path;    // "/trygg.v1.ActionPlanService/AssignMeasure"
  std::string command_id;
  std::string request;  // serialized; a retry sends these bytes again
  Sender sender = Sender::kCoordinator;
  Aggregate aggregate = Aggregate::kPlan;

  // The stream the command's event is in, given its reply.
  std::string StreamOf(const v1::CommandReply& reply) const {
    switch (aggregate) {
      case Aggregate::kPlan:
        return domain::PlanStream(reply.id());
      case Aggregate::kAgency:
        return domain::AgencyStream(reply.id());
      case Aggregate::kMeasure:
        return domain::MeasureStream(reply.id());
    }
    return {};
  }
};

// ActionPlanService as the generated descriptors describe it: every method the mix must cover.
inline const google::protobuf::ServiceDescriptor& ActionPlanServiceDescriptor() {
  return *v1::CreatePlanRequest::descriptor()->file()->FindServiceByName("ActionPlanService");
}

struct MixIdentity {
  std::string prefix;     // unique per client, [a-z0-9-]: every id and command_id starts with it
  std::string agency_id;  // the agency of the client's agency token (the mix registers it)
};

class CommandMix {
 public:
  CommandMix(MixIdentity identity, std::uint64_t seed)
      : id_(std::move(identity)),
        rng_(seed),
        agencies_{id_.agency_id, id_.prefix + "-p1", id_.prefix + "-p2"} {}

  // The command to send: the same until Acknowledge.
  const MixCommand& Next() {
    if (!pending_) Choose();
    return *pending_;
  }

  // The reply to Next()'s command: the model moves on and the next call to Next() makes a new
  // command.
  void Acknowledge(const v1::CommandReply& reply) {
    if (!pending_) throw std::logic_error("CommandMix::Acknowledge without a command");
    on_ack_(reply);
    pending_.reset();
    ++acknowledged_;
    if (plan_ != nullptr) ++plan_->commands;
  }

  std::uint64_t acknowledged() const { return acknowledged_; }

  // Every measure's status after the acknowledged commands.
  std::map<std::string, v1::MeasureStatus> MeasureStatuses() const {
    std::map<std::string, v1::MeasureStatus> statuses;
    for (const auto& [id, measure] : measures_) statuses.emplace(id, measure.status);
    return statuses;
  }

  // The plan commands go to now (empty before the first is created), and one of its measures
  // (empty if it has none): what a client of this one's data would ask about.
  std::string plan_id() const { return plan_ != nullptr ? plan_->id : std::string(); }
  std::string SomeMeasure() {
    if (plan_ == nullptr || plan_->measures.empty()) return {};
    return Pick(plan_->measures);
  }

 private:
  // A plan gets this many commands; then the client starts another, so that no plan reaches a
  // limit of domain/limits.h however long the client runs.
  static constexpr int kCommandsPerPlan = 150;
  static constexpr std::size_t kMeasuresPerPlan = 12;
  static constexpr const char* kFocusAreas[] = {"trygghet", "narkotika"};

  struct Measure {
    std::string id;
    v1::MeasureStatus status = v1::MEASURE_STATUS_PROPOSED;
    std::uint64_t version = 0;
    std::vector<std::string> causes, goals, partners;
  };
  struct Plan {
    std::string id;
    std::uint64_t version = 0;
    int commands = 0;
    std::vector<std::string> inputs, findings, causes, groups, promises, measures;
  };
  using OnAck = std::function<void(const v1::CommandReply&)>;

  // ---- choosing

  void Choose() {
    if (registered_ < agencies_.size()) return RegisterAgency();
    if (plan_ == nullptr || plan_->commands >= kCommandsPerPlan) return CreatePlan();
    Plan& plan = *plan_;
    std::vector<std::pair<int, std::function<void()>>> options;
    if (plan.measures.size() < kMeasuresPerPlan) options.emplace_back(4, [&] { Propose(plan); });
    std::vector<Measure*> movable;
    for (const std::string& id : plan.measures) {
      Measure& m = measures_.at(id);
      if (!MeasureChoices(plan, m).empty()) movable.push_back(&m);
    }
    if (!movable.empty()) {
      options.emplace_back(14, [&] { MeasureStep(plan, *Pick(movable)); });
    }
    options.emplace_back(1, [&] { RecordResidentInput(plan); });
    options.emplace_back(1, [&] { RecordFinding(plan); });
    if (!plan.findings.empty()) {
      options.emplace_back(1, [&] { ReviseFinding(plan); });
      options.emplace_back(1, [&] { IdentifyCause(plan); });
    }
    if (plan.findings.size() > 2) options.emplace_back(1, [&] { RetireFinding(plan); });
    if (!plan.causes.empty()) options.emplace_back(1, [&] { ReviseCause(plan); });
    if (plan.causes.size() > 2) options.emplace_back(1, [&] { RetireCause(plan); });
    options.emplace_back(1, [&] { FormWorkingGroup(plan); });
    if (!plan.groups.empty()) options.emplace_back(1, [&] { ChangeWorkingGroup(plan); });
    if (!LiveMeasures(plan).empty()) options.emplace_back(1, [&] { MakeCitizenPromise(plan); });
    if (!plan.promises.empty()) options.emplace_back(1, [&] { EndCitizenPromise(plan); });
    options.emplace_back(1, [&] { AdoptPlan(plan); });
    int total = 0;
    for (const auto& option : options) total += option.first;
    int roll = std::uniform_int_distribution<int>(0, total - 1)(rng_);
    for (const auto& [weight, build] : options) {
      if (roll < weight) return build();
      roll -= weight;
    }
  }

  // How often a command allowed on a measure is chosen, relative to the others: mostly forward,
  // so that measures are completed as well as withdrawn.
  static int Weight(domain::MeasureCommand command) {
    switch (command) {
      case domain::MeasureCommand::kStart:
        return 4;
      case domain::MeasureCommand::kPrioritise:
      case domain::MeasureCommand::kReportProgress:
      case domain::MeasureCommand::kRecordFollowUp:
        return 3;
      case domain::MeasureCommand::kAssign:
      case domain::MeasureCommand::kComplete:
      case domain::MeasureCommand::kLinkCause:
      case domain::MeasureCommand::kSetGoal:
      case domain::MeasureCommand::kAddPartner:
        return 2;
      case domain::MeasureCommand::kWithdraw:
      case domain::MeasureCommand::kUnlinkCause:
      case domain::MeasureCommand::kRetireGoal:
      case domain::MeasureCommand::kRemovePartner:
        return 1;
    }
    return 1;
  }

  // The commands the lifecycle allows on `m` whose other preconditions the model meets, each as
  // often as its weight.
  std::vector<domain::MeasureCommand> MeasureChoices(const Plan& plan, const Measure& m) const {
    std::vector<domain::MeasureCommand> choices;
    for (const domain::MeasureCommand command : domain::kAllMeasureCommands) {
      if (!domain::IsAllowed(m.status, command) || !Feasible(plan, m, command)) continue;
      choices.insert(choices.end(), static_cast<std::size_t>(Weight(command)), command);
    }
    return choices;
  }

  bool Feasible(const Plan& plan, const Measure& m, domain::MeasureCommand command) const {
    switch (command) {
      case domain::MeasureCommand::kLinkCause:
        return !UnlinkedCauses(plan, m).empty();
      case domain::MeasureCommand::kUnlinkCause:
        return !m.causes.empty();
      case domain::MeasureCommand::kSetGoal:
        return m.goals.size() < 5;
      case domain::MeasureCommand::kRetireGoal:
        return !m.goals.empty();
      case domain::MeasureCommand::kAddPartner:
        return !OtherPartners(m).empty();
      case domain::MeasureCommand::kRemovePartner:
        return !m.partners.empty();
      default:
        // The client's own agency is the only one ever made responsible, and never a partner.
        return true;
    }
  }

  // ---- agencies and plans

  void RegisterAgency() {
    v1::RegisterAgencyRequest r;
    r.set_agency_id(agencies_[registered_]);
    r.set_name("Agency " + agencies_[registered_]);
    r.set_kind(registered_ == 0 ? "municipality" : "housing");
    Emit("RegisterAgency", r, Sender::kCoordinator, Aggregate::kAgency,
         [this](const v1::CommandReply&) { ++registered_; });
  }

  void CreatePlan() {
    v1::CreatePlanRequest r;
    r.set_plan_id(id_.prefix + "-plan-" + std::to_string(plans_.size() + 1));
    r.set_name("Plan " + r.plan_id());
    r.set_municipality("Kommun " + id_.prefix);
    for (const char* key : kFocusAreas) {
      v1::FocusArea* area = r.add_focus_areas();
      area->set_key(key);
      area->set_name(std::string("Area ") + key);
    }
    Emit("CreatePlan", r, Sender::kCoordinator, Aggregate::kPlan,
         [this, id = r.plan_id()](const v1::CommandReply& reply) {
           plans_.push_back(Plan{id, reply.version(), 0, {}, {}, {}, {}, {}, {}});
           plan_ = &plans_.back();
         });
  }

  // A plan-level command's expected_version: half the time, the plan's version.
  template <class Request>
  void MaybeExpect(Request& r, std::uint64_t version) {
    if (Coin()) r.set_expected_version(version);
  }

  // Emits a command on the plan; on its reply the plan's version moves on and `then` runs with
  // the reply's item id.
  template <class Request>
  void EmitOnPlan(std::string method, Plan& plan, Request& r,
                  std::function<void(const std::string& item)> then,
                  Sender sender = Sender::kCoordinator) {
    r.set_plan_id(plan.id);
    MaybeExpect(r, plan.version);
    Emit(std::move(method), r, sender, Aggregate::kPlan,
         [&plan, then = std::move(then)](const v1::CommandReply& reply) {
           plan.version = reply.version();
           then(reply.item_id());
         });
  }

  void RecordResidentInput(Plan& plan) {
    v1::RecordResidentInputRequest r;
    if (Coin()) r.set_focus_area(Pick(kFocusAreas));
    r.set_channel(static_cast<v1::InputChannel>(Between(1, 5)));
    r.set_received_on("2026-0" + std::to_string(Between(1, 9)) + "-15");
    r.set_people(static_cast<std::uint32_t>(Between(0, 200)));
    r.set_summary("Residents say the square is dark after nine");
    EmitOnPlan(
        "RecordResidentInput", plan, r, [&plan](const std::string& item) { plan.inputs.push_back(item); },
        Coin() ? Sender::kCoordinator : Sender::kAgency);
  }

  void RecordFinding(Plan& plan) {
    v1::RecordFindingRequest r;
    r.set_focus_area(Pick(kFocusAreas));
    r.set_text("Break-ins went up in the centre");
    r.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
    r.set_period("2025-2026");
    if (!plan.inputs.empty()) r.add_input_ids(Pick(plan.inputs));
    EmitOnPlan(
        "RecordFinding", plan, r, [&plan](const std::string& item) { plan.findings.push_back(item); },
        Coin() ? Sender::kCoordinator : Sender::kAgency);
  }

  void ReviseFinding(Plan& plan) {
    v1::ReviseFindingRequest r;
    r.set_finding_id(Pick(plan.findings));
    r.set_text("Break-ins went up in the centre, mostly at night");
    if (!plan.inputs.empty()) r.add_input_ids(Pick(plan.inputs));
    EmitOnPlan("ReviseFinding", plan, r, [](const std::string&) {});
  }

  void RetireFinding(Plan& plan) {
    v1::RetireFindingRequest r;
    r.set_finding_id(Pick(plan.findings));
    r.set_reason("Superseded by the new survey");
    EmitOnPlan("RetireFinding", plan, r,
               [&plan, id = r.finding_id()](const std::string&) { Erase(plan.findings, id); });
  }

  void IdentifyCause(Plan& plan) {
    v1::IdentifyCauseRequest r;
    r.set_focus_area(Pick(kFocusAreas));
    r.set_text("Poor lighting and nobody around");
    r.add_finding_ids(Pick(plan.findings));
    EmitOnPlan("IdentifyCause", plan, r,
               [&plan](const std::string& item) { plan.causes.push_back(item); });
  }

  void ReviseCause(Plan& plan) {
    v1::ReviseCauseRequest r;
    r.set_cause_id(Pick(plan.causes));
    r.set_text("Poor lighting, and the youth centre closes early");
    r.add_finding_ids(Pick(plan.findings));
    EmitOnPlan("ReviseCause", plan, r, [](const std::string&) {});
  }

  void RetireCause(Plan& plan) {
    v1::RetireCauseRequest r;
    r.set_cause_id(Pick(plan.causes));
    r.set_reason("Not borne out");
    EmitOnPlan("RetireCause", plan, r,
               [&plan, id = r.cause_id()](const std::string&) { Erase(plan.causes, id); });
  }

  void SetGroup(auto& r) {
    r.set_name("Working group " + std::to_string(Between(1, 99)));
    r.add_agency_ids(agencies_[0]);
    if (Coin()) r.add_agency_ids(agencies_[1]);
    if (Coin()) r.add_focus_areas(Pick(kFocusAreas));
  }

  void FormWorkingGroup(Plan& plan) {
    v1::FormWorkingGroupRequest r;
    SetGroup(r);
    EmitOnPlan("FormWorkingGroup", plan, r,
               [&plan](const std::string& item) { plan.groups.push_back(item); });
  }

  void ChangeWorkingGroup(Plan& plan) {
    v1::ChangeWorkingGroupRequest r;
    r.set_group_id(Pick(plan.groups));
    SetGroup(r);
    EmitOnPlan("ChangeWorkingGroup", plan, r, [](const std::string&) {});
  }

  std::vector<std::string> LiveMeasures(const Plan& plan) const {
    std::vector<std::string> live;
    for (const std::string& id : plan.measures) {
      if (measures_.at(id).status != v1::MEASURE_STATUS_WITHDRAWN) live.push_back(id);
    }
    return live;
  }

  void MakeCitizenPromise(Plan& plan) {
    v1::MakeCitizenPromiseRequest r;
    r.set_text("We will light the square before winter");
    r.add_measure_ids(Pick(LiveMeasures(plan)));
    r.add_signatories("Kommunstyrelsens ordförande");
    r.set_valid_from("2026-09-01");
    r.set_valid_to("2027-08-31");
    EmitOnPlan("MakeCitizenPromise", plan, r,
               [&plan](const std::string& item) { plan.promises.push_back(item); });
  }

  void EndCitizenPromise(Plan& plan) {
    v1::EndCitizenPromiseRequest r;
    r.set_promise_id(Pick(plan.promises));
    r.set_reason("Kept");
    EmitOnPlan("EndCitizenPromise", plan, r,
               [&plan, id = r.promise_id()](const std::string&) { Erase(plan.promises, id); });
  }

  void AdoptPlan(Plan& plan) {
    v1::AdoptPlanRequest r;
    r.set_adopted_by("Kommunstyrelsen");
    r.set_decision_date("2026-11-0" + std::to_string(Between(1, 9)));
    r.set_reference("KS 2026/" + std::to_string(Between(100, 999)));
    EmitOnPlan("AdoptPlan", plan, r, [](const std::string&) {});
  }

  // ---- measures

  void Propose(Plan& plan) {
    v1::ProposeMeasureRequest r;
    r.set_plan_id(plan.id);
    r.set_focus_area(Pick(kFocusAreas));
    r.set_title("Measure " + std::to_string(++proposed_));
    r.set_description("Light the square and the paths to the station");
    // Half the measures get the id the server derives from the caller and the command_id.
    if (Coin()) r.set_measure_id(id_.prefix + "-m-" + std::to_string(proposed_));
    if (!plan.causes.empty() && Coin()) r.add_cause_ids(Pick(plan.causes));
    const bool with_cause = r.cause_ids_size() > 0;
    Emit("ProposeMeasure", r, Coin() ? Sender::kCoordinator : Sender::kAgency, Aggregate::kMeasure,
         [this, &plan, with_cause, cause = with_cause ? r.cause_ids(0) : std::string()](
             const v1::CommandReply& reply) {
           Measure& m = measures_[reply.id()];
           m.id = reply.id();
           m.version = reply.version();
           if (with_cause) m.causes.push_back(cause);
           plan.measures.push_back(reply.id());
         });
  }

  std::vector<std::string> UnlinkedCauses(const Plan& plan, const Measure& m) const {
    std::vector<std::string> causes;
    for (const std::string& c : plan.causes) {
      if (!Contains(m.causes, c)) causes.push_back(c);
    }
    return causes;
  }

  std::vector<std::string> OtherPartners(const Measure& m) const {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < agencies_.size(); ++i) {
      if (!Contains(m.partners, agencies_[i])) others.push_back(agencies_[i]);
    }
    return others;
  }

  template <class Request>
  void MeasureRequest(Request& r, const Measure& m) {
    r.set_measure_id(m.id);
    if (Coin()) r.set_expected_version(m.version);
  }

  // One command on `m`, chosen among those the lifecycle allows; on its reply the measure moves
  // to where the lifecycle says it leads, and `then` records what else changed.
  void MeasureStep(const Plan& plan, Measure& m) {
    const std::vector<domain::MeasureCommand> choices = MeasureChoices(plan, m);
    const domain::MeasureCommand command = Pick(choices);
    std::function<void()> then = [] {};
    auto emit = [&](const char* method, auto& r, Sender sender) {
      MeasureRequest(r, m);
      Emit(method, r, sender, Aggregate::kMeasure,
           [&m, command, then](const v1::CommandReply& reply) {
             m.status = domain::NextStatus(m.status, command).value();
             m.version = reply.version();
             then();
           });
    };
    switch (command) {
      case domain::MeasureCommand::kPrioritise: {
        v1::PrioritiseMeasureRequest r;
        r.set_priority(static_cast<v1::Priority>(Between(1, 3)));
        r.set_rationale("Many complaints");
        return emit("PrioritiseMeasure", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kAssign: {
        v1::AssignMeasureRequest r;
        r.set_agency_id(agencies_[0]);
        r.set_due_date("2027-0" + std::to_string(Between(1, 9)) + "-28");
        r.set_note("Yours");
        return emit("AssignMeasure", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kStart: {
        v1::StartMeasureRequest r;
        return emit("StartMeasure", r, Sender::kAgency);
      }
      case domain::MeasureCommand::kReportProgress: {
        v1::ReportProgressRequest r;
        r.set_percent_complete(static_cast<std::uint32_t>(Between(0, 100)));
        r.set_note("Going well");
        return emit("ReportProgress", r, Sender::kAgency);
      }
      case domain::MeasureCommand::kComplete: {
        v1::CompleteMeasureRequest r;
        r.set_outcome("Done");
        return emit("CompleteMeasure", r, Sender::kAgency);
      }
      case domain::MeasureCommand::kWithdraw: {
        v1::WithdrawMeasureRequest r;
        r.set_reason("Not needed any more");
        return emit("WithdrawMeasure", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kLinkCause: {
        v1::LinkMeasureToCauseRequest r;
        r.set_cause_id(Pick(UnlinkedCauses(plan, m)));
        then = [&m, id = r.cause_id()] { m.causes.push_back(id); };
        return emit("LinkMeasureToCause", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kUnlinkCause: {
        v1::UnlinkMeasureFromCauseRequest r;
        r.set_cause_id(Pick(m.causes));
        r.set_reason("Wrong cause");
        then = [&m, id = r.cause_id()] { Erase(m.causes, id); };
        return emit("UnlinkMeasureFromCause", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kSetGoal: {
        v1::SetOperationalGoalRequest r;
        // A new goal (its id given or generated), or a replacement of a current one.
        if (!m.goals.empty() && Coin()) {
          r.set_goal_id(Pick(m.goals));
        } else if (Coin()) {
          r.set_goal_id("g-" + std::to_string(++goals_));
        }
        r.set_indicator("Share who feel safe");
        r.set_unit("%");
        r.set_baseline(40);
        r.set_target(60);
        r.set_by_date("2027-12-31");
        then = [this, &m] {
          if (!Contains(m.goals, last_item_)) m.goals.push_back(last_item_);
        };
        return emit("SetOperationalGoal", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kRetireGoal: {
        v1::RetireOperationalGoalRequest r;
        r.set_goal_id(Pick(m.goals));
        r.set_reason("Measured elsewhere");
        then = [&m, id = r.goal_id()] { Erase(m.goals, id); };
        return emit("RetireOperationalGoal", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kAddPartner: {
        v1::AddPartnerRequest r;
        r.set_agency_id(Pick(OtherPartners(m)));
        r.set_commitment("Staff two evenings a week");
        then = [&m, id = r.agency_id()] { m.partners.push_back(id); };
        return emit("AddPartner", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kRemovePartner: {
        v1::RemovePartnerRequest r;
        r.set_agency_id(Pick(m.partners));
        r.set_reason("Left the project");
        then = [&m, id = r.agency_id()] { Erase(m.partners, id); };
        return emit("RemovePartner", r, Sender::kCoordinator);
      }
      case domain::MeasureCommand::kRecordFollowUp: {
        static constexpr const char* kPeriods[] = {"2026-T2", "2026-T3", "2027-Q1", "2027-H1",
                                                   "2027"};
        v1::RecordFollowUpRequest r;
        r.set_period(Pick(kPeriods));
        r.set_health(static_cast<v1::Health>(Between(1, 3)));
        r.set_hours(Between(0, 40));
        r.set_cost_sek(static_cast<std::uint64_t>(Between(0, 50000)));
        r.set_comment("Lamps ordered");
        if (!m.goals.empty()) {
          v1::IndicatorValue* value = r.add_values();
          value->set_goal_id(Pick(m.goals));
          value->set_value(Between(30, 70));
        }
        // The responsible agency's own part, or a partner's recorded by the coordinator.
        if (!m.partners.empty() && Coin()) {
          r.set_party(Pick(m.partners));
          return emit("RecordFollowUp", r, Sender::kCoordinator);
        }
        return emit("RecordFollowUp", r, Sender::kAgency);
      }
    }
  }

  // ---- emitting

  // Makes `r` the outstanding command; `on_ack` applies its reply to the model.
  template <class Request>
  void Emit(std::string method, Request& r, Sender sender, Aggregate aggregate, OnAck on_ack) {
    const google::protobuf::MethodDescriptor* described =
        ActionPlanServiceDescriptor().FindMethodByName(method);
    if (described == nullptr || described->input_type() != Request::descriptor()) {
      throw std::logic_error("CommandMix: " + method + " does not take " +
                             Request::descriptor()->full_name());
    }
    r.set_command_id(id_.prefix + "-" + std::to_string(++commands_));
    pending_ = MixCommand{method,
                          "/" + ActionPlanServiceDescriptor().full_name() + "/" + method,
                          r.command_id(),
                          r.SerializeAsString(),
                          sender,
                          aggregate};
    on_ack_ = [this, on_ack = std::move(on_ack)](const v1::CommandReply& reply) {
      last_item_ = reply.item_id();
      on_ack(reply);
    };
  }

  // ---- randomness and lists

  bool Coin() { return std::uniform_int_distribution<int>(0, 1)(rng_) == 1; }
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  template <class List>
  auto Pick(const List& list) -> decltype(*std::begin(list)) {
    const auto n = static_cast<int>(std::size(list));
    return *(std::begin(list) + Between(0, n - 1));
  }
  static bool Contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }
  static void Erase(std::vector<std::string>& list, const std::string& item) {
    list.erase(std::remove(list.begin(), list.end(), item), list.end());
  }

  MixIdentity id_;
  std::mt19937_64 rng_;
  std::vector<std::string> agencies_;  // the client's own (responsible) agency, then two partners
  std::size_t registered_ = 0;
  std::deque<Plan> plans_;  // a deque: the model holds references to its plans
  Plan* plan_ = nullptr;    // the plan commands go to now
  std::map<std::string, Measure> measures_;
  std::uint64_t commands_ = 0, proposed_ = 0, goals_ = 0, acknowledged_ = 0;
  std::string last_item_;  // the item id of the reply being applied
  std::optional<MixCommand> pending_;
  OnAck on_ack_;
};

// Sends `command` with `authorization` ("Bearer <token>") and waits for its reply, at most
// `timeout`. Any status but OK leaves *reply untouched.
inline grpc::Status SendCommand(grpc::GenericStub& stub, const MixCommand& command,
                                const std::string& authorization, v1::CommandReply* reply,
                                std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", authorization);
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  grpc::Slice slice(command.request);
  const grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  const grpc::Status status = BlockingGenericCall(stub, &context, command.path, request, &response);
  if (!status.ok()) return status;
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (response.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (!reply->ParseFromString(bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "unparsable CommandReply");
  }
  return grpc::Status::OK;
}

}  // namespace trygg::testing
