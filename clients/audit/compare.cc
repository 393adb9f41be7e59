#include "audit/compare.h"

#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <optional>
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
      v1::GetAgencyStatusRequest request;
      request.set_agency_id(id);
      request.set_page_size(projections::kMaxPageSize);
      if (Status s = CompareQuery(
              "agency " + id, "GetAgencyStatus(" + id + ")",
              replayed_.projections.GetAgencyStatus(id, projections::kMaxPageSize, replayed_.today),
              request, &Stub::GetAgencyStatus);
          !s.ok()) {
        return s;
      }
    }
    out_.agencies = agencies_.size();
    return Status();
  }

  // Every plan's overview, then what the whole plan's queries answer for it: the situation
  // picture, the traceability (every page), the follow-up summary of every period the log has
  // follow-ups for, and the status of every working group either side knows.
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
      std::set<std::string> groups;
      for (const auto* overview : {replay ? &*replay : nullptr, status.ok() ? &served : nullptr}) {
        if (overview == nullptr) continue;
        for (const v1::WorkingGroup& g : overview->working_groups()) groups.insert(g.group_id());
      }
      for (Status (Comparer::*step)(const std::string&) :
           {&Comparer::ComparePicture, &Comparer::CompareTraceability,
            &Comparer::CompareFollowUps}) {
        if (Status s = (this->*step)(id); !s.ok()) return s;
      }
      for (const std::string& group : groups) {
        if (Status s = CompareGroup(id, group); !s.ok()) return s;
      }
    }
    out_.plans = plans_.size();
    return Status();
  }

 private:
  using Stub = v1::StatusService::Stub;

  Status ComparePicture(const std::string& plan) {
    v1::GetSituationPictureRequest request;
    request.set_plan_id(plan);
    request.set_include_retired(true);
    ++out_.pictures;
    return CompareQuery("situation picture " + plan, "GetSituationPicture(" + plan + ")",
                        replayed_.projections.GetSituationPicture(request), request,
                        &Stub::GetSituationPicture);
  }

  Status CompareTraceability(const std::string& plan) {
    v1::GetTraceabilityRequest request;
    request.set_plan_id(plan);
    ++out_.traces;
    return ComparePages(
        "traceability " + plan, "GetTraceability(" + plan + ")", request,
        [&](const auto& r) { return replayed_.projections.GetTraceability(r, replayed_.today); },
        &Stub::GetTraceability);
  }

  Status CompareFollowUps(const std::string& plan) {
    for (const std::string& period : replayed_.periods) {
      v1::GetFollowUpSummaryRequest request;
      request.set_plan_id(plan);
      request.set_period(period);
      const std::string what = "follow-up " + plan + " " + period;
      if (Status s = CompareQuery(what, "GetFollowUpSummary(" + plan + ", " + period + ")",
                                  replayed_.projections.GetFollowUpSummary(request), request,
                                  &Stub::GetFollowUpSummary);
          !s.ok()) {
        return s;
      }
      ++out_.follow_up_summaries;
    }
    return Status();
  }

  Status CompareGroup(const std::string& plan, const std::string& group) {
    v1::GetWorkingGroupStatusRequest request;
    request.set_plan_id(plan);
    request.set_group_id(group);
    request.set_page_size(projections::kMaxPageSize);
    ++out_.groups;
    return ComparePages(
        "working group " + plan + "/" + group, "GetWorkingGroupStatus(" + plan + ", " + group + ")",
        request,
        [&](const auto& r) {
          return replayed_.projections.GetWorkingGroupStatus(r, replayed_.today);
        },
        &Stub::GetWorkingGroupStatus);
  }

  // A paged query, page by page ("WHAT page 2" …), each side following its own page tokens, until
  // either side's last page. `replay_query` answers a request from the replay.
  template <typename Request, typename Reply, typename ReplayQuery>
  Status ComparePages(const std::string& what, const std::string& query, Request request,
                      ReplayQuery replay_query,
                      grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Reply*)) {
    Request server_request = request;
    for (int page = 1;; ++page) {
      const domain::Result<Reply> replay = replay_query(request);
      auto served = Ask(query, server_request, rpc);
      if (!served.ok()) return served.status();
      const std::string named = what + (page == 1 ? "" : " page " + std::to_string(page));
      if (Status s = Found(named, query, replay, *served); !s.ok()) return s;
      if (!replay.ok() || !served->has_value() || replay->next_page_token().empty() ||
          (*served)->next_page_token().empty()) {
        return Status();
      }
      request.set_page_token(replay->next_page_token());
      server_request.set_page_token((*served)->next_page_token());
    }
  }

  // Asks the server `rpc` with `request` at min_position: its reply, nullopt for NOT_FOUND, or
  // the error of any other failure.
  template <typename Request, typename Reply>
  Result<std::optional<Reply>> Ask(const std::string& query, Request request,
                                   grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                             Reply*)) {
    request.set_min_position(out_.min_position);
    Reply served;
    grpc::ClientContext context;
    server_.Prepare(context);
    grpc::Status status = ((*stub_).*rpc)(&context, request, &served);
    if (status.ok()) return std::optional<Reply>(std::move(served));
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) return std::optional<Reply>();
    return server_.CallFailed("StatusService." + query, status);
  }

  // Compares the replay's answer with the server's; NOT_FOUND on either side as CompareFound.
  template <typename Reply>
  Status Found(const std::string& what, const std::string& query,
               const domain::Result<Reply>& replay, const std::optional<Reply>& served) {
    if (!replay.ok() && replay.status().error_code() != grpc::StatusCode::NOT_FOUND) {
      return QueryFailed(query, replay.status());
    }
    CompareFound(what, replay.ok() ? &*replay : nullptr, served ? &*served : nullptr);
    return Status();
  }

  // One query, answered by the replay (`replay`) and by the server (`rpc` with `request`).
  template <typename Request, typename Reply>
  Status CompareQuery(const std::string& what, const std::string& query,
                      const domain::Result<Reply>& replay, const Request& request,
                      grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Reply*)) {
    auto served = Ask(query, request, rpc);
    if (!served.ok()) return served.status();
    return Found(what, query, replay, *served);
  }

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
