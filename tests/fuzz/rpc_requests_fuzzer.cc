// Fuzzes every RPC's request as the server receives it: arbitrary bytes parsed as the request
// message, then the checks the server makes before it reads or writes anything (domain::Validate
// for ActionPlanService commands, api::CheckRequest and CheckPlanReportRequest for queries), and
// for a query that passes them, the query itself on empty projections (ListMeasures' page token,
// size and status are checked there).
//
// Input: one byte choosing the RPC (its index, modulo their number, among the methods of every
// service in action_plan.proto, status.proto and event_log.proto in the order the files declare
// them), then the request's bytes. tests/fuzz/make_rpc_seeds.sh writes a valid request per RPC.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/plan_report_source.h"
#include "api/request_checks.h"
#include "trygg/domain/validate.h"
#include "trygg/projections/projections.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg {
namespace {

using Handler = void (*)(std::string_view bytes);

constexpr std::string_view kToday = "2026-06-15";

// Never changed after it is made: the queries only read it, so no input leaves state behind.
const projections::Projections& Empty() {
  static const projections::Projections* const empty = new projections::Projections();
  return *empty;
}

template <class Request>
bool Parse(std::string_view bytes, Request& request) {
  return request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

// A command: ActionPlanService checks it with domain::Validate before anything else (the command
// pipeline's step 2).
template <class Request>
void Command(std::string_view bytes) {
  Request request;
  if (Parse(bytes, request)) (void)domain::Validate(request);
}

// A request the server takes as it comes (no fields it checks).
template <class Request>
void Unchecked(std::string_view bytes) {
  Request request;
  (void)Parse(bytes, request);
}

void Run(const v1::GetMeasureRequest& r) { (void)Empty().GetMeasure(r.measure_id(), kToday); }
void Run(const v1::GetAgencyStatusRequest& r) {
  (void)Empty().GetAgencyStatus(r.agency_id(), r.page_size(), kToday);
}
void Run(const v1::GetPlanOverviewRequest& r) { (void)Empty().GetPlanOverview(r.plan_id(), kToday); }
void Run(const v1::GetSituationPictureRequest& r) { (void)Empty().GetSituationPicture(r); }
void Run(const v1::GetTraceabilityRequest& r) { (void)Empty().GetTraceability(r, kToday); }
void Run(const v1::GetFollowUpSummaryRequest& r) { (void)Empty().GetFollowUpSummary(r); }
void Run(const v1::GetWorkingGroupStatusRequest& r) {
  (void)Empty().GetWorkingGroupStatus(r, kToday);
}
void Run(const v1::ReadStreamRequest&) {}  // reads the store: the checks are what is fuzzed
void Run(const v1::ReadAllRequest&) {}

// A query with api::CheckRequest, then (when it passes) what StatusService runs.
template <class Request>
void Query(std::string_view bytes) {
  Request request;
  if (Parse(bytes, request) && api::CheckRequest(request).ok()) Run(request);
}

void ListMeasures(std::string_view bytes) {
  v1::ListMeasuresRequest request;
  if (Parse(bytes, request)) (void)Empty().ListMeasures(request, kToday);
}

void GetPlanReport(std::string_view bytes) {
  v1::GetPlanReportRequest request;
  if (Parse(bytes, request)) (void)api::CheckPlanReportRequest(request);
}

template <class Request>
std::pair<const std::string, Handler> For(Handler handler) {
  return {Request::descriptor()->full_name(), handler};
}

// Request type → what the server does with it. LLVMFuzzerInitialize stops when an RPC is missing.
const std::unordered_map<std::string, Handler>& Handlers() {
  static const auto* const handlers = new std::unordered_map<std::string, Handler>{
      For<v1::CreatePlanRequest>(Command<v1::CreatePlanRequest>),
      For<v1::RegisterAgencyRequest>(Command<v1::RegisterAgencyRequest>),
      For<v1::ProposeMeasureRequest>(Command<v1::ProposeMeasureRequest>),
      For<v1::PrioritiseMeasureRequest>(Command<v1::PrioritiseMeasureRequest>),
      For<v1::AssignMeasureRequest>(Command<v1::AssignMeasureRequest>),
      For<v1::StartMeasureRequest>(Command<v1::StartMeasureRequest>),
      For<v1::ReportProgressRequest>(Command<v1::ReportProgressRequest>),
      For<v1::CompleteMeasureRequest>(Command<v1::CompleteMeasureRequest>),
      For<v1::WithdrawMeasureRequest>(Command<v1::WithdrawMeasureRequest>),
      For<v1::RecordResidentInputRequest>(Command<v1::RecordResidentInputRequest>),
      For<v1::RecordFindingRequest>(Command<v1::RecordFindingRequest>),
      For<v1::ReviseFindingRequest>(Command<v1::ReviseFindingRequest>),
      For<v1::RetireFindingRequest>(Command<v1::RetireFindingRequest>),
      For<v1::IdentifyCauseRequest>(Command<v1::IdentifyCauseRequest>),
      For<v1::ReviseCauseRequest>(Command<v1::ReviseCauseRequest>),
      For<v1::RetireCauseRequest>(Command<v1::RetireCauseRequest>),
      For<v1::LinkMeasureToCauseRequest>(Command<v1::LinkMeasureToCauseRequest>),
      For<v1::UnlinkMeasureFromCauseRequest>(Command<v1::UnlinkMeasureFromCauseRequest>),
      For<v1::SetOperationalGoalRequest>(Command<v1::SetOperationalGoalRequest>),
      For<v1::RetireOperationalGoalRequest>(Command<v1::RetireOperationalGoalRequest>),
      For<v1::AddPartnerRequest>(Command<v1::AddPartnerRequest>),
      For<v1::RemovePartnerRequest>(Command<v1::RemovePartnerRequest>),
      For<v1::RecordFollowUpRequest>(Command<v1::RecordFollowUpRequest>),
      For<v1::FormWorkingGroupRequest>(Command<v1::FormWorkingGroupRequest>),
      For<v1::ChangeWorkingGroupRequest>(Command<v1::ChangeWorkingGroupRequest>),
      For<v1::MakeCitizenPromiseRequest>(Command<v1::MakeCitizenPromiseRequest>),
      For<v1::EndCitizenPromiseRequest>(Command<v1::EndCitizenPromiseRequest>),
      For<v1::AdoptPlanRequest>(Command<v1::AdoptPlanRequest>),
      For<v1::GetMeasureRequest>(Query<v1::GetMeasureRequest>),
      For<v1::ListMeasuresRequest>(ListMeasures),
      For<v1::GetAgencyStatusRequest>(Query<v1::GetAgencyStatusRequest>),
      For<v1::GetPlanOverviewRequest>(Query<v1::GetPlanOverviewRequest>),
      For<v1::WhoAmIRequest>(Unchecked<v1::WhoAmIRequest>),
      For<v1::GetSituationPictureRequest>(Query<v1::GetSituationPictureRequest>),
      For<v1::GetTraceabilityRequest>(Query<v1::GetTraceabilityRequest>),
      For<v1::GetFollowUpSummaryRequest>(Query<v1::GetFollowUpSummaryRequest>),
      For<v1::GetWorkingGroupStatusRequest>(Query<v1::GetWorkingGroupStatusRequest>),
      For<v1::GetPlanReportRequest>(GetPlanReport),
      For<v1::ReadStreamRequest>(Query<v1::ReadStreamRequest>),
      For<v1::ReadAllRequest>(Query<v1::ReadAllRequest>),
      For<v1::SubscribeRequest>(Unchecked<v1::SubscribeRequest>),
      For<v1::GetHeadRequest>(Unchecked<v1::GetHeadRequest>),
  };
  return *handlers;
}

// Each RPC's handler, in the order the input's first byte counts them.
const std::vector<Handler>& Rpcs() {
  static const auto* const rpcs = [] {
    auto* out = new std::vector<Handler>();
    for (const google::protobuf::FileDescriptor* file :
         {v1::CreatePlanRequest::descriptor()->file(), v1::GetMeasureRequest::descriptor()->file(),
          v1::ReadAllRequest::descriptor()->file()}) {
      for (int s = 0; s < file->service_count(); ++s) {
        for (int m = 0; m < file->service(s)->method_count(); ++m) {
          const google::protobuf::MethodDescriptor* method = file->service(s)->method(m);
          auto it = Handlers().find(method->input_type()->full_name());
          if (it == Handlers().end()) {
            std::fprintf(stderr, "rpc_requests_fuzzer: no handler for %s (add it to Handlers)\n",
                         method->full_name().c_str());
            std::abort();
          }
          out->push_back(it->second);
        }
      }
    }
    return out;
  }();
  return *rpcs;
}

}  // namespace
}  // namespace trygg

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Protobuf logs every string field that is not UTF-8 as it parses: no output per input.
  google::protobuf::SetLogHandler(nullptr);
  (void)trygg::Rpcs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& rpcs = trygg::Rpcs();
  rpcs[data[0] % rpcs.size()](
      std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  return 0;
}
