// What trygg-audit prints, as strings: for people a table (the clients' shared one, so every
// text taken from a store is sanitised before it reaches a terminal), for programs one JSON
// document on one line. Pure functions of what a command found; main.cc only writes them out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/compare.h"
#include "audit/replay.h"
#include "audit/verify.h"
#include "trygg/eventstore/types.h"
#include "trygg/v1/status.pb.h"

namespace trygg::audit {

enum class Format { kTable, kJson };

// verify: the report on `source` (LogSource::Describe), and when --expect-head gave `digest`
// ("HASH@POSITION"), whether it matched (`expect_problem` empty) or what differs.
std::string RenderVerify(Format format, const std::string& source, const AuditReport& report,
                         const std::optional<std::string>& digest,
                         const std::string& expect_problem);

// One plan as replay shows it: its overview and what the whole plan's queries answer.
struct PlanView {
  v1::PlanOverview overview;
  v1::SituationPicture picture;   // retired findings and causes too
  v1::Traceability traceability;  // the first page; its counts cover the whole plan
  // For each period of Replayed::periods (in its order) that the plan's measures were followed up
  // for.
  std::vector<v1::FollowUpSummary> follow_ups;
};

// replay: the state as of `replayed` (`at` the --at text, "" for the whole log) with the
// agencies' statuses and plans asked for (JSON: "plans", "situation_pictures" and "traceability"
// in parallel arrays, "follow_up_summaries" each naming its plan; with --plan, "plan_overview",
// "situation_picture", "traceability" and "follow_up_summaries"). `agency` and `plan` say whether
// one was asked for by
// --agency or --plan; with neither, they are all of the log's.
struct ReplayView {
  std::string source;
  std::string at;
  bool agency = false;
  bool plan = false;
  std::vector<v1::AgencyStatus> agencies;
  std::vector<PlanView> plans;
};
std::string RenderReplay(Format format, const Replayed& replayed, const ReplayView& view);

// One agency's status and one plan's overview as replay prints them for people. A plan's lines on
// adoption, traceability flags, working groups and promises appear once it has any.
std::string AgencyText(const v1::AgencyStatus& status);
std::string PlanText(const v1::PlanOverview& plan);
// A plan's situation picture in one line per focus area ("" while it has none), and a period's
// follow-up per agency.
std::string PictureText(const v1::SituationPicture& picture);
std::string FollowUpText(const v1::FollowUpSummary& summary);

// history: every event of `stream`, read from `source`.
std::string RenderHistory(Format format, const std::string& source, const std::string& stream,
                          const std::vector<eventstore::RecordedEvent>& events);

// compare: the log replayed from `replayed_from` against the server at `server`.
std::string RenderCompare(Format format, const std::string& replayed_from,
                          const std::string& server, const Comparison& comparison);

// backup: the copy of `source` at `copy`, verified (`report`), against the source's `head`.
std::string RenderBackup(Format format, const std::string& source, const std::string& copy,
                         const AuditReport& report, const eventstore::LogHead& head);

}  // namespace trygg::audit
