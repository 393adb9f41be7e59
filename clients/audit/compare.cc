#include "audit/compare.h"

#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <set>

#include "trygg/eventstore/types.h"
#include "trygg/projections/limits.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::audit {

using eventstore::Code;
using eventstore::Position;
using eventstore::RecordedEvent;
using eventstore::Result;
using eventstore::Status;

namespace {

// "" when equal; otherwise the differences, "replay value -> server value".
std::string Diff(const google::protobuf::Message& replay, const google::protobuf::Message& server) {
  google::protobuf::util::MessageDifferencer differencer;
  std::string report;
  differencer.ReportDifferencesToString(&report);
  if (differencer.Compare(replay, server)) return "";
  // One difference per line; keep them on one.
  std::string joined;
  std::size_t start = 0;
  while (start < report.size()) {
    std::size_t end = report.find('\n', start);
    if (end == std::string::npos) end = report.size();
    if (end > start) {
      if (!joined.empty()) joined += "; ";
      joined.append(report, start, end - start);
    }
    start = end + 1;
  }
  return joined;
}

class Comparer {
 public:
  Comparer(const Replayed& replayed, ServerSource& server, Comparison& out)
      : replayed_(replayed),
        server_(server),
        stub_(v1::StatusService::NewStub(server.channel())),
        out_(out) {}

  Status CompareLogs() {
    auto head = server_.Head();
    if (!head.ok()) return head.status();
    out_.server_head = *head;
    const uint64_t s = head->position.value();
    const uint64_t r = replayed_.position;
    out_.min_position = std::min(s, r);
    if (s == r) {
      if (head->hash != replayed_.last_hash) {
        Add("log", "both end at position " + std::to_string(r) + " but with different hashes: " +
                       "replay " + eventstore::ToHex(replayed_.last_hash) + ", server " +
                       eventstore::ToHex(head->hash));
      }
      return Status();
    }
    if (s < r) {
      Add("log", "the replayed log has " + std::to_string(r - s) +
                     " events beyond the server's head (position " + std::to_string(s) + ")");
      return Status();
    }
    std::string detail = "the server's log has " + std::to_string(s - r) +
                         " events after the replayed head (position " + std::to_string(r) +
                         "; the server's head is " + std::to_string(s) + ")";
    if (r > 0) {
      std::vector<RecordedEvent> events;
      if (Status st = server_.ReadAll(Position(r), 1, events); !st.ok()) return st;
      if (events.empty() || events.front().hash != replayed_.last_hash) {
        detail += ", and the logs differ at or before position " + std::to_string(r);
      }
    }
    Add("log", detail);
    return Status();
  }

  Status CompareMeasures() {
    std::map<std::string, v1::Measure> replay;
    std::map<std::string, v1::Measure> served;
    v1::ListMeasuresRequest request;
    request.set_page_size(projections::kMaxPageSize);
    for (;;) {
      auto page = replayed_.projections.ListMeasures(request, replayed_.today);
      if (!page.ok()) return QueryFailed("ListMeasures", page.status());
      for (const v1::Measure& m : page->measures()) replay[m.measure_id()] = m;
      if (page->next_page_token().empty()) break;
      request.set_page_token(page->next_page_token());
    }
    request.clear_page_token();
    request.set_min_position(out_.min_position);
    for (;;) {
      grpc::ClientContext context;
      server_.Prepare(context);
      v1::ListMeasuresResponse page;
      grpc::Status status = stub_->ListMeasures(&context, request, &page);
      if (!status.ok()) return server_.CallFailed("StatusService.ListMeasures", status);
      for (const v1::Measure& m : page.measures()) served[m.measure_id()] = m;
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    std::set<std::string> ids;
    for (const auto& [id, m] : replay) ids.insert(id);
    for (const auto& [id, m] : served) ids.insert(id);
    for (const std::string& id : ids) {
      auto r = replay.find(id);
      auto s = served.find(id);
      const std::string what = "measure " + id;
      if (r == replay.end()) {
        Add(what, "served, but not in the replay");
      } else if (s == served.end()) {
        Add(what, "in the replay, but not served");
      } else if (std::string d = Diff(r->second, s->second); !d.empty()) {
        Add(what, d);
      }
      for (const auto* side : {&replay, &served}) {
        auto it = side->find(id);
        if (it == side->end()) continue;
        if (!it->second.responsible_agency_id().empty()) {
          agencies_.insert(it->second.responsible_agency_id());
        }
        if (!it->second.plan_id().empty()) plans_.insert(it->second.plan_id());
      }
    }
    out_.measures = ids.size();
    return Status();
  }

  Status CompareAgencies() {
    agencies_.insert(replayed_.agencies.begin(), replayed_.agencies.end());
    for (const std::string& id : agencies_) {
      auto replay =
          replayed_.projections.GetAgencyStatus(id, projections::kMaxPageSize, replayed_.today);
      if (!replay.ok() && replay.status().error_code() != grpc::StatusCode::NOT_FOUND) {
        return QueryFailed("GetAgencyStatus(" + id + ")", replay.status());
      }
      v1::GetAgencyStatusRequest request;
      request.set_agency_id(id);
      request.set_page_size(projections::kMaxPageSize);
      request.set_min_position(out_.min_position);
      v1::AgencyStatus served;
      grpc::ClientContext context;
      server_.Prepare(context);
      grpc::Status status = stub_->GetAgencyStatus(&context, request, &served);
      if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
        return server_.CallFailed("StatusService.GetAgencyStatus(" + id + ")", status);
      }
      CompareFound("agency " + id, replay.ok() ? &*replay : nullptr,
                   status.ok() ? &served : nullptr);
    }
    out_.agencies = agencies_.size();
    return Status();
  }

  Status ComparePlans() {
    plans_.insert(replayed_.plans.begin(), replayed_.plans.end());
    for (const std::string& id : plans_) {
      std::optional<v1::PlanOverview> replay =
          replayed_.projections.GetPlanOverview(id, replayed_.today);
      v1::GetPlanOverviewRequest request;
      request.set_plan_id(id);
      request.set_min_position(out_.min_position);
      v1::PlanOverview served;
      grpc::ClientContext context;
      server_.Prepare(context);
      grpc::Status status = stub_->GetPlanOverview(&context, request, &served);
      if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
        return server_.CallFailed("StatusService.GetPlanOverview(" + id + ")", status);
      }
      CompareFound("plan " + id, replay ? &*replay : nullptr, status.ok() ? &served : nullptr);
    }
    out_.plans = plans_.size();
    return Status();
  }

 private:
  void Add(std::string what, std::string detail) {
    out_.differences.push_back(Difference{std::move(what), std::move(detail)});
  }

  // nullptr: that side answered NOT_FOUND.
  void CompareFound(const std::string& what, const google::protobuf::Message* replay,
                    const google::protobuf::Message* served) {
    if (replay == nullptr && served == nullptr) return;
    if (replay == nullptr) return Add(what, "served, but unknown to the replay");
    if (served == nullptr) return Add(what, "in the replay, but the server answers NOT_FOUND");
    if (std::string d = Diff(*replay, *served); !d.empty()) Add(what, d);
  }

  static Status QueryFailed(const std::string& query, const grpc::Status& status) {
    return Status(Code::kInternal,
                  "the replayed projections refused " + query + ": " + status.error_message());
  }

  const Replayed& replayed_;
  ServerSource& server_;
  std::unique_ptr<v1::StatusService::Stub> stub_;
  Comparison& out_;
  std::set<std::string> agencies_;
  std::set<std::string> plans_;
};

}  // namespace

Result<Comparison> Compare(const Replayed& replayed, ServerSource& server) {
  Comparison out;
  out.replay_position = replayed.position;
  out.replay_hash = replayed.last_hash;
  out.today = replayed.today;
  Comparer comparer(replayed, server, out);
  for (Status (Comparer::*step)() : {&Comparer::CompareLogs, &Comparer::CompareMeasures,
                                     &Comparer::CompareAgencies, &Comparer::ComparePlans}) {
    if (Status s = (comparer.*step)(); !s.ok()) return s;
  }
  return out;
}

}  // namespace trygg::audit
