// trygg-load-example: loads the example plan of ../shared/example-plan.md ("Tryggare Värnamo
// 2026": three focus areas, eight agencies, residents' input, the situation picture, numbered
// causes, fifteen measures citing them in every state with goals and partners, two working groups,
// the adoption, a citizen promise and two follow-up periods) into a running trygg-server through
// ActionPlanService, as the coordinator and the agencies would. Every command has a fixed
// command_id, so running it again changes nothing.
//
//   trygg-load-example --server 127.0.0.1:50051 --coordinator-token TOKEN
//       --agency-token polisen-lpo-varnamo=TOKEN --agency-token varnamo-kommun-ks=TOKEN ...
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/channel.h"
#include "common/outcome.h"
#include "common/settings.h"
#include "example_plan_data.h"
#include "trygg/v1/action_plan.grpc.pb.h"

namespace {

namespace v1 = trygg::v1;

namespace example = trygg::example_plan;
using example::kAgencies;
using example::kMeasures;
using example::kPlanId;
using example::Step;
using Stub = v1::ActionPlanService::Stub;

class Loader {
 public:
  Loader(std::shared_ptr<grpc::Channel> channel, std::string coordinator,
         std::map<std::string, std::string> agency_tokens)
      : stub_(v1::ActionPlanService::NewStub(std::move(channel))),
        coordinator_(std::move(coordinator)),
        agency_tokens_(std::move(agency_tokens)) {}

  // Runs one command; false (after printing why) when it failed.
  template <typename Request>
  bool Call(const std::string& token, const std::string& what, Request request,
            grpc::Status (v1::ActionPlanService::Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                             v1::CommandReply*)) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::CommandReply reply;
    grpc::Status status = ((*stub_).*rpc)(&context, request, &reply);
    if (!status.ok()) {
      std::cerr << "trygg-load-example: " << what << ": " << status.error_message() << " (code "
                << status.error_code() << ")\n";
      return false;
    }
    return true;
  }

  bool Load() {
    v1::CreatePlanRequest plan;
    plan.set_command_id("example-plan");
    plan.set_plan_id(std::string(kPlanId));
    plan.set_name(std::string(example::kPlanName));
    plan.set_municipality(std::string(example::kMunicipality));
    for (const auto& [key, name] : example::kFocusAreas) {
      auto* area = plan.add_focus_areas();
      area->set_key(std::string(key));
      area->set_name(std::string(name));
    }
    bool ok = Call(coordinator_, "create plan", plan, &Stub::CreatePlan);
    for (const auto& a : kAgencies) {
      const std::string id(a.id);
      v1::RegisterAgencyRequest r;
      r.set_command_id("example-agency-" + id);
      r.set_agency_id(id);
      r.set_name(std::string(a.name));
      r.set_kind(std::string(a.kind));
      ok = Call(coordinator_, "register " + id, r, &Stub::RegisterAgency) && ok;
    }
    ok = LoadSituationPicture() && ok;
    for (const auto& g : example::kWorkingGroups) {
      const v1::FormWorkingGroupRequest r = example::GroupRequest(g);
      ok = Call(coordinator_, "form working group " + r.group_id(), r, &Stub::FormWorkingGroup) &&
           ok;
    }
    for (const auto& m : kMeasures) ok = LoadMeasure(m) && ok;
    for (const auto& link : example::kCauseLinks) {
      const v1::LinkMeasureToCauseRequest r = example::LinkRequest(link);
      ok = Call(coordinator_, "link " + r.measure_id() + " to " + r.cause_id(), r,
                &Stub::LinkMeasureToCause) &&
           ok;
    }
    ok = Adopt() && ok;
    for (const auto& f : example::kFollowUps) ok = RecordFollowUp(f) && ok;
    return ok;
  }

 private:
  // The token of whoever records a thing (example::RecordedBy); nullptr, after printing why, when
  // that agency's token was not given.
  const std::string* TokenOf(example::RecordedBy by, const std::string& what) const {
    if (by.empty()) return &coordinator_;
    auto token = agency_tokens_.find(std::string(by));
    if (token == agency_tokens_.end()) {
      std::cerr << "trygg-load-example: no --agency-token for " << by << " (needed for " << what
                << ")\n";
      return nullptr;
    }
    return &token->second;
  }

  // Residents' input, findings and causes, in the table's order (which numbers the causes).
  bool LoadSituationPicture() {
    bool ok = true;
    for (const auto& in : example::kResidentInputs) {
      const std::string what = "record residents' input " + std::string(in.id);
      const std::string* token = TokenOf(in.recorded_by, what);
      ok = token != nullptr &&
           Call(*token, what, example::InputRequest(in), &Stub::RecordResidentInput) && ok;
    }
    for (const auto& f : example::kFindings) {
      const std::string what = "record finding " + std::string(f.id);
      const std::string* token = TokenOf(f.recorded_by, what);
      ok = token != nullptr &&
           Call(*token, what, example::FindingRequest(f), &Stub::RecordFinding) && ok;
    }
    for (const auto& c : example::kCauses) {
      ok = Call(coordinator_, "identify cause " + std::string(c.id), example::CauseRequest(c),
                &Stub::IdentifyCause) &&
           ok;
    }
    return ok;
  }

  // The adoption (version 1), then the citizen promise made with it.
  bool Adopt() {
    const bool ok = Call(coordinator_, "adopt the plan", example::AdoptRequest(), &Stub::AdoptPlan);
    return Call(coordinator_, "make the citizen promise", example::PromiseRequest(),
                &Stub::MakeCitizenPromise) &&
           ok;
  }

  bool RecordFollowUp(const example::FollowUp& f) {
    const std::string what = "follow up " + std::string(f.measure_id) + " for " +
                             std::string(f.party) + " in " + std::string(f.period);
    const std::string* token = TokenOf(f.recorded_by, what);
    return token != nullptr &&
           Call(*token, what, example::FollowUpRequest(f), &Stub::RecordFollowUp);
  }

  // Runs the measure's steps (example_plan::StepsOf) until one fails. Proposing, prioritising,
  // assigning, setting goals, adding partners and withdrawing are the coordinator's; the rest the
  // responsible agency's.
  bool LoadMeasure(const example::Measure& m) {
    for (Step step : example::StepsOf(m)) {
      if (!RunStep(step, m)) return false;
    }
    return true;
  }

  bool RunStep(Step step, const example::Measure& m) {
    switch (step) {
      case Step::kPropose:
      case Step::kPrioritise:
      case Step::kAssign:
      case Step::kSetGoals:
      case Step::kAddPartners:
      case Step::kWithdraw: return RunCoordinatorStep(step, m);
      case Step::kStart:
      case Step::kReportProgress:
      case Step::kComplete: return RunAgencyStep(step, m);
    }
    return false;
  }

  bool RunCoordinatorStep(Step step, const example::Measure& m) {
    const std::string id(m.id);
    const std::string cmd = id + "-";
    switch (step) {
      case Step::kPropose:
        return Call(coordinator_, "propose " + id, example::ProposeRequest(m),
                    &Stub::ProposeMeasure);
      case Step::kPrioritise: {
        v1::PrioritiseMeasureRequest r;
        r.set_command_id(cmd + "prioritise");
        r.set_measure_id(id);
        r.set_priority(m.priority);
        r.set_rationale(std::string(m.rationale));
        return Call(coordinator_, "prioritise " + id, r, &Stub::PrioritiseMeasure);
      }
      case Step::kAssign: {
        v1::AssignMeasureRequest r;
        r.set_command_id(cmd + "assign");
        r.set_measure_id(id);
        r.set_agency_id(std::string(m.agency));
        r.set_due_date(std::string(m.due_date));
        r.set_note(std::string(m.assign_note));
        return Call(coordinator_, "assign " + id, r, &Stub::AssignMeasure);
      }
      case Step::kSetGoals: {
        bool ok = true;
        for (const auto& r : example::GoalRequests(m)) {
          ok = ok && Call(coordinator_, "set goal " + r.goal_id() + " of " + id, r,
                          &Stub::SetOperationalGoal);
        }
        return ok;
      }
      case Step::kAddPartners: {
        bool ok = true;
        for (const auto& r : example::PartnerRequests(m)) {
          ok = ok && Call(coordinator_, "add partner " + r.agency_id() + " to " + id, r,
                          &Stub::AddPartner);
        }
        return ok;
      }
      case Step::kWithdraw: {
        v1::WithdrawMeasureRequest r;
        r.set_command_id(cmd + "withdraw");
        r.set_measure_id(id);
        r.set_reason(std::string(m.withdrawal_reason));
        return Call(coordinator_, "withdraw " + id, r, &Stub::WithdrawMeasure);
      }
      default: return false;  // the agency's steps: RunAgencyStep
    }
  }

  bool RunAgencyStep(Step step, const example::Measure& m) {
    const std::string id(m.id);
    const std::string cmd = id + "-";
    const std::string* token = TokenOf(m.agency, id);
    if (token == nullptr) return false;
    if (step == Step::kStart) {
      v1::StartMeasureRequest r;
      r.set_command_id(cmd + "start");
      r.set_measure_id(id);
      return Call(*token, "start " + id, r, &Stub::StartMeasure);
    }
    if (step == Step::kReportProgress) {
      v1::ReportProgressRequest r;
      r.set_command_id(cmd + "progress");
      r.set_measure_id(id);
      r.set_percent_complete(m.percent_complete);
      r.set_note(std::string(m.progress_note));
      return Call(*token, "report progress on " + id, r, &Stub::ReportProgress);
    }
    v1::CompleteMeasureRequest r;
    r.set_command_id(cmd + "complete");
    r.set_measure_id(id);
    r.set_outcome(std::string(m.outcome));
    return Call(*token, "complete " + id, r, &Stub::CompleteMeasure);
  }

  std::unique_ptr<v1::ActionPlanService::Stub> stub_;
  std::string coordinator_;
  std::map<std::string, std::string> agency_tokens_;
};

}  // namespace

using trygg::client::ExitCode;

int Exit(ExitCode code) { return static_cast<int>(code); }

int main(int argc, char** argv) {
  CLI::App app(
      "trygg-load-example: loads the example plan 'Tryggare Värnamo 2026' into a running "
      "trygg-server. Safe to run again: every command has a fixed command id.");
  app.footer(
      "Example:\n  trygg-load-example --server 127.0.0.1:50051 --coordinator-token $COORD "
      "--agency-token polisen-lpo-varnamo=$POLICE\n"
      "Exit codes: 0 loaded, 1 a command failed, 2 bad usage.");
  // Plaintext to the loopback: settings with only a server make MakeChannel's plaintext channel.
  trygg::client::Settings settings;
  std::string coordinator;
  std::vector<std::string> agency_args;
  app.add_option("--server", settings.server, "trygg-server address")->capture_default_str();
  app.add_option("--coordinator-token", coordinator, "token of a coordinator")->required();
  app.add_option("--agency-token", agency_args,
                 "AGENCY=TOKEN of an agency principal; needed for the agencies that start and "
                 "complete measures, record police intelligence and follow up their own part "
                 "(polisen-lpo-varnamo, varnamo-kommun-ks, varnamo-kommun-socialtjansten, "
                 "allmannyttan-varnamo)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? Exit(ExitCode::kOk) : Exit(ExitCode::kUsage);
  }
  std::map<std::string, std::string> agency_tokens;
  for (const std::string& arg : agency_args) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      std::cerr << "trygg-load-example: --agency-token wants AGENCY=TOKEN, not '" << arg << "'\n";
      return Exit(ExitCode::kUsage);
    }
    agency_tokens[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  std::shared_ptr<grpc::Channel> channel;
  if (trygg::client::Outcome made =
          trygg::client::MakeChannel(settings, grpc::ChannelArguments(), &channel);
      !made.ok()) {
    std::cerr << "trygg-load-example: " << made.message() << "\n";
    return made.exit_code();
  }
  Loader loader(std::move(channel), coordinator, std::move(agency_tokens));
  if (!loader.Load()) return Exit(ExitCode::kOther);
  std::cout << "loaded the example plan " << kPlanId << " (" << example::kFocusAreas.size()
            << " focus areas, " << std::size(kAgencies) << " agencies, "
            << std::size(example::kFindings) << " findings, " << std::size(example::kCauses)
            << " causes, " << std::size(kMeasures) << " measures, "
            << std::size(example::kFollowUps) << " follow-ups)" << std::endl;
  return Exit(ExitCode::kOk);
}
