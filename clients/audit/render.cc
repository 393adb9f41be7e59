#include "audit/render.h"

#include <sstream>

#include "audit/as_of.h"
#include "audit/export.h"
#include "audit/output.h"
#include "audit/payload.h"
#include "common/names.h"
#include "common/text.h"

namespace trygg::audit {
namespace {

// A table cell's text, "-" for nothing (an unprioritised measure, no due date).
std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

std::string CountsText(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  std::string text;
  for (const v1::StatusCount& c : counts) {
    if (!text.empty()) text += ", ";
    text += OrDash(client::StatusName(c.status())) + " " + std::to_string(c.count());
  }
  return text.empty() ? "none" : text;
}

std::string Printed(const client::Table& table, std::string_view indent = "") {
  std::ostringstream out;
  PrintTable(table, out, indent);
  return out.str();
}

std::string AsOfJson(const Replayed& r, const std::string& at) {
  client::JsonObject as_of = JsonDocument();
  as_of.AddNumber("position", r.position);
  if (r.last_recorded) {
    as_of.AddString("recorded_at", FormatUtc(*r.last_recorded));
  } else {
    as_of.AddNull("recorded_at");
  }
  as_of.AddString("hash", eventstore::ToHex(r.last_hash)).AddString("today", r.today);
  if (at.empty()) {
    as_of.AddNull("at");
  } else {
    as_of.AddString("at", at);
  }
  return as_of.Finish();
}

}  // namespace

std::string RenderVerify(Format format, const std::string& source, const AuditReport& report,
                         const std::optional<std::string>& digest,
                         const std::string& expect_problem) {
  if (format == Format::kJson) {
    client::JsonObject counts = JsonDocument();
    for (const auto& [type, n] : report.counts_by_type) counts.AddNumber(type, n);
    client::JsonObject unknown = JsonDocument();
    for (const auto& [type, n] : report.unknown_types) unknown.AddNumber(type, n);
    client::JsonObject out = JsonDocument();
    out.AddString("source", source)
        .AddBool("ok", report.ok() && expect_problem.empty())
        .AddNumber("events", report.events_checked)
        .AddNumber("head_position", report.head.position.value())
        .AddString("head_hash", eventstore::ToHex(report.head.hash))
        .AddString("checked", report.checked);
    if (report.first_bad_position) {
      out.AddNumber("first_bad_position", *report.first_bad_position)
          .AddString("problem", report.problem);
    } else {
      out.AddNull("first_bad_position").AddNull("problem");
    }
    out.AddRaw("events_by_type", counts.Finish()).AddRaw("unknown_types", unknown.Finish());
    if (digest) {
      client::JsonObject expect = JsonDocument();
      expect.AddString("digest", *digest).AddBool("ok", expect_problem.empty());
      if (!expect_problem.empty()) expect.AddString("problem", expect_problem);
      out.AddRaw("expect_head", expect.Finish());
    }
    return out.Finish() + "\n";
  }
  client::Table table = TextTable({"source", source});
  table.AddRow({"events", Thousands(report.events_checked)});
  table.AddRow({"head", std::to_string(report.head.position.value())});
  table.AddRow({"head hash", eventstore::ToHex(report.head.hash)});
  table.AddRow({"digest", eventstore::ToHex(report.head.hash) + "@" +
                              std::to_string(report.head.position.value())});
  table.AddRow({"checked", report.checked});
  if (!report.unknown_types.empty()) {
    std::string types;
    for (const auto& [type, n] : report.unknown_types) {
      types += (types.empty() ? "" : ", ") + type + " (" + Thousands(n) + ")";
    }
    table.AddRow({"warning", "event types this build does not know, payloads not checked: " +
                                 types + "; use a newer trygg-audit"});
  }
  if (report.ok()) {
    table.AddRow({"result", "OK"});
  } else {
    table.AddRow({"result", "FAILED at position " + std::to_string(*report.first_bad_position) +
                                ": " + report.problem});
  }
  if (digest) {
    table.AddRow({"expected", expect_problem.empty()
                                  ? *digest + ": matches, a prefix of today's log"
                                  : *digest + ": DOES NOT MATCH: " + expect_problem});
  }
  return Printed(table);
}

std::string AgencyText(const v1::AgencyStatus& status) {
  const v1::Agency& a = status.agency();
  std::string text =
      "\nagency " + client::SanitizeLine(a.agency_id()) + ": " + client::SanitizeLine(a.name()) +
      (a.kind().empty() ? "" : " (" + client::SanitizeLine(a.kind()) + ")") + "\n" + "  " +
      std::to_string(status.total_measures()) + " measures, " + std::to_string(status.overdue()) +
      " overdue: " + CountsText(status.counts()) + "\n";
  if (status.measures_size() == 0) return text;
  client::Table table =
      TextTable({"MEASURE", "STATUS", "PRIORITY", "DUE", "DONE", "OVERDUE", "TITLE"});
  for (const v1::Measure& m : status.measures()) {
    table.AddRow({m.measure_id(), OrDash(client::StatusName(m.status())),
                  OrDash(client::PriorityName(m.priority())), OrDash(m.due_date()),
                  std::to_string(m.percent_complete()) + "%", m.overdue() ? "OVERDUE" : "",
                  m.title()});
  }
  text += Printed(table, "  ");
  if (status.total_measures() > static_cast<uint64_t>(status.measures_size())) {
    text +=
        "  ... and " + std::to_string(status.total_measures() - status.measures_size()) + " more\n";
  }
  return text;
}

std::string PlanText(const v1::PlanOverview& plan) {
  std::string text =
      "\nplan " + client::SanitizeLine(plan.plan_id()) + ": " + client::SanitizeLine(plan.name()) +
      (plan.municipality().empty() ? "" : " (" + client::SanitizeLine(plan.municipality()) + ")") +
      "\n" + "  " + std::to_string(plan.overdue()) + " overdue, " +
      std::to_string(plan.prioritised_unassigned()) +
      " prioritised but unassigned: " + CountsText(plan.counts()) + "\n";
  if (plan.adopted_version() > 0) {
    const v1::PlanAdoption& a = plan.latest_adoption();
    text += "  adopted: version " + std::to_string(a.version()) + " by " +
            client::SanitizeLine(a.adopted_by()) + " on " +
            client::SanitizeLine(a.decision_date()) + " (" + client::SanitizeLine(a.reference()) +
            "); " + std::to_string(plan.changed_since_adoption()) + " measures changed since\n";
  }
  const v1::TraceabilityFlagCounts& f = plan.flags();
  if (f.causes_without_measure() + f.measures_without_cause() + f.measures_without_goal() +
              f.measures_without_follow_up() + f.partners_never_followed_up() +
              f.findings_unused() >
          0 ||
      !f.period().empty()) {
    text += "  traceability" +
            (f.period().empty() ? std::string() : " (" + client::SanitizeLine(f.period()) + ")") +
            ": " + std::to_string(f.causes_without_measure()) + " causes without measure, " +
            std::to_string(f.measures_without_cause()) + " measures without cause, " +
            std::to_string(f.measures_without_goal()) + " without goal, " +
            std::to_string(f.measures_without_follow_up()) + " without follow-up, " +
            std::to_string(f.partners_never_followed_up()) + " partners never followed up, " +
            std::to_string(f.findings_unused()) + " findings unused\n";
  }
  if (plan.working_groups_size() > 0) {
    std::string groups;
    for (const v1::WorkingGroup& g : plan.working_groups()) {
      groups += (groups.empty() ? "" : ", ") + client::SanitizeLine(g.group_id()) + " (" +
                std::to_string(g.agency_ids_size()) + " agencies)";
    }
    text += "  working groups: " + groups + "\n";
  }
  if (plan.citizen_promises_size() > 0) {
    std::string promises;
    for (const v1::CitizenPromise& p : plan.citizen_promises()) {
      promises += (promises.empty() ? "" : ", ") + client::SanitizeLine(p.promise_id()) + " " +
                  client::SanitizeLine(p.valid_from()) + ".." + client::SanitizeLine(p.valid_to()) +
                  (p.ended() ? " (ended)" : "");
    }
    text += "  citizen promises: " + promises + "\n";
  }
  client::Table table = TextTable({"FOCUS AREA", "OVERDUE", "UNASSIGNED", "MEASURES"});
  for (const v1::FocusAreaOverview& area : plan.focus_areas()) {
    table.AddRow({area.focus_area().key(), std::to_string(area.overdue()),
                  std::to_string(area.prioritised_unassigned()), CountsText(area.counts())});
  }
  return text + Printed(table, "  ");
}

std::string PictureText(const v1::SituationPicture& picture) {
  std::string text;
  for (const v1::FocusAreaPicture& area : picture.focus_areas()) {
    if (area.findings_size() + area.causes_size() + area.inputs_size() == 0) continue;
    text += "  situation picture " + client::SanitizeLine(area.focus_area().key()) + ": " +
            std::to_string(area.findings_size()) + " findings, " +
            std::to_string(area.causes_size()) + " causes, " + std::to_string(area.inputs_size()) +
            " residents' inputs\n";
  }
  if (picture.general_inputs_size() > 0) {
    text += "  residents' inputs for several focus areas: " +
            std::to_string(picture.general_inputs_size()) + "\n";
  }
  return text;
}

std::string FollowUpText(const v1::FollowUpSummary& summary) {
  const v1::FollowUpTotals& t = summary.totals();
  std::ostringstream hours;
  hours << t.hours();
  std::string text = "  follow-up " + client::SanitizeLine(summary.period()) + ": " +
                     std::to_string(t.green()) + " green, " + std::to_string(t.yellow()) +
                     " yellow, " + std::to_string(t.red()) + " red, " +
                     std::to_string(t.missing()) + " missing; " + hours.str() + " hours, " +
                     Thousands(t.cost_sek()) + " SEK; goals " + std::to_string(t.goals_met()) +
                     " met, " + std::to_string(t.goals_not_met()) + " not met, " +
                     std::to_string(t.goals_not_measured()) + " not measured\n";
  if (summary.agencies_size() == 0) return text;
  client::Table table = TextTable({"AGENCY", "GREEN", "YELLOW", "RED", "MISSING", "HOURS", "SEK"});
  for (const v1::AgencyFollowUp& a : summary.agencies()) {
    std::ostringstream agency_hours;
    agency_hours << a.totals().hours();
    table.AddRow({a.agency_id(), std::to_string(a.totals().green()),
                  std::to_string(a.totals().yellow()), std::to_string(a.totals().red()),
                  std::to_string(a.totals().missing()), agency_hours.str(),
                  Thousands(a.totals().cost_sek())});
  }
  return text + Printed(table, "    ");
}

std::string RenderReplay(Format format, const Replayed& replayed, const ReplayView& view) {
  if (format == Format::kJson) {
    client::JsonObject out = JsonDocument();
    out.AddString("source", view.source).AddRaw("as_of", AsOfJson(replayed, view.at));
    std::vector<std::string> agency_json;
    agency_json.reserve(view.agencies.size());
    for (const auto& a : view.agencies) agency_json.push_back(MessageJson(a));
    // Per plan, in parallel arrays (or, for --plan, one member each): the overview, the situation
    // picture and the traceability's first page; and every follow-up summary, each naming its
    // plan and period.
    std::vector<std::string> plan_json, picture_json, trace_json, follow_up_json;
    for (const PlanView& p : view.plans) {
      plan_json.push_back(MessageJson(p.overview));
      picture_json.push_back(MessageJson(p.picture));
      trace_json.push_back(MessageJson(p.traceability));
      for (const v1::FollowUpSummary& summary : p.follow_ups) {
        follow_up_json.push_back(MessageJson(summary));
      }
    }
    if (view.agency && !agency_json.empty()) out.AddRaw("agency_status", agency_json.front());
    if (view.plan && !plan_json.empty()) {
      out.AddRaw("plan_overview", plan_json.front())
          .AddRaw("situation_picture", picture_json.front())
          .AddRaw("traceability", trace_json.front())
          .AddArray("follow_up_summaries", follow_up_json);
    }
    if (!view.agency && !view.plan) {
      out.AddArray("agencies", agency_json)
          .AddArray("plans", plan_json)
          .AddArray("situation_pictures", picture_json)
          .AddArray("traceability", trace_json)
          .AddArray("follow_up_summaries", follow_up_json);
    }
    return out.Finish() + "\n";
  }
  client::Table head = TextTable({"source", view.source});
  head.AddRow(
      {"as of", "position " + std::to_string(replayed.position) +
                    (replayed.last_recorded ? ", recorded " + FormatUtc(*replayed.last_recorded)
                                            : std::string()) +
                    (view.at.empty() ? " (the whole log)" : " (--at " + view.at + ")")});
  head.AddRow(
      {"digest", eventstore::ToHex(replayed.last_hash) + "@" + std::to_string(replayed.position)});
  head.AddRow({"today", replayed.today + " (the date overdue is judged by)"});
  std::string text = Printed(head);
  for (const PlanView& p : view.plans) {
    text += PlanText(p.overview) + PictureText(p.picture);
    for (const v1::FollowUpSummary& summary : p.follow_ups) text += FollowUpText(summary);
  }
  for (const auto& a : view.agencies) text += AgencyText(a);
  return text;
}

std::string RenderHistory(Format format, const std::string& source, const std::string& stream,
                          const std::vector<eventstore::RecordedEvent>& events) {
  if (format == Format::kJson) {
    std::vector<std::string> lines;
    lines.reserve(events.size());
    for (const auto& e : events) lines.push_back(JsonLine(e));
    return JsonDocument()
               .AddString("source", source)
               .AddString("stream_id", stream)
               .AddArray("events", lines)
               .Finish() +
           "\n";
  }
  std::string text = "stream " + client::SanitizeLine(stream) + ": " +
                     std::to_string(events.size()) + " events, from " +
                     client::SanitizeLine(source) + "\n\n";
  for (const auto& e : events) {
    client::Table table = TextTable({"position", std::to_string(e.position.value())});
    table.AddRow({"version", std::to_string(e.version.value())});
    table.AddRow({"recorded", FormatUtc(e.recorded_at)});
    table.AddRow({"type", e.type});
    table.AddRow({"principal", e.metadata.principal});
    table.AddRow({"agency", OrDash(e.metadata.agency)});
    table.AddRow({"command id", OrDash(e.metadata.command_id)});
    table.AddRow({"payload", PayloadJson(e.type, e.payload)});
    table.AddRow({"hash", eventstore::ToHex(e.hash)});
    text += Printed(table) + "\n";
  }
  return text;
}

std::string RenderCompare(Format format, const std::string& replayed_from,
                          const std::string& server, const Comparison& c) {
  if (format == Format::kJson) {
    std::vector<std::string> diffs;
    for (const Difference& d : c.differences) {
      diffs.push_back(
          JsonDocument().AddString("what", d.what).AddString("detail", d.detail).Finish());
    }
    return JsonDocument()
               .AddString("replayed_from", replayed_from)
               .AddString("server", server)
               .AddBool("equal", c.equal())
               .AddNumber("replay_position", c.replay_position)
               .AddString("replay_hash", eventstore::ToHex(c.replay_hash))
               .AddNumber("server_position", c.server_head.position.value())
               .AddString("server_hash", eventstore::ToHex(c.server_head.hash))
               .AddString("today", c.today)
               .AddNumber("measures", c.measures)
               .AddNumber("agencies", c.agencies)
               .AddNumber("plans", c.plans)
               .AddNumber("situation_pictures", c.pictures)
               .AddNumber("traceabilities", c.traces)
               .AddNumber("follow_up_summaries", c.follow_up_summaries)
               .AddNumber("working_groups", c.groups)
               .AddArray("differences", diffs)
               .Finish() +
           "\n";
  }
  client::Table table = TextTable(
      {"replayed", replayed_from + ", up to position " + std::to_string(c.replay_position)});
  table.AddRow(
      {"server", server + ", head at position " + std::to_string(c.server_head.position.value())});
  table.AddRow({"compared", Thousands(c.measures) + " measures, " + Thousands(c.agencies) +
                                " agency statuses, " + Thousands(c.plans) + " plan overviews, " +
                                Thousands(c.pictures) + " situation pictures, " +
                                Thousands(c.traces) + " traceabilities, " +
                                Thousands(c.follow_up_summaries) + " follow-up summaries, " +
                                Thousands(c.groups) + " working groups (today " + c.today + ")"});
  table.AddRow({"result", c.equal() ? "EQUAL: the server serves what the log says"
                                    : std::to_string(c.differences.size()) + " DIFFERENCES " +
                                          "(replay -> server)"});
  std::string text = Printed(table);
  for (const Difference& d : c.differences) {
    text += "  " + client::SanitizeLine(d.what) + ": " + client::SanitizeLine(d.detail) + "\n";
  }
  return text;
}

std::string RenderBackup(Format format, const std::string& source, const std::string& copy,
                         const AuditReport& report, const eventstore::LogHead& head) {
  const bool ok = report.ok() && report.head == head;
  if (format == Format::kJson) {
    client::JsonObject out = JsonDocument();
    out.AddString("source", source)
        .AddString("copy", copy)
        .AddBool("ok", ok)
        .AddNumber("events", report.events_checked)
        .AddNumber("head_position", head.position.value())
        .AddString("head_hash", eventstore::ToHex(head.hash));
    if (!report.ok()) out.AddString("problem", report.problem);
    return out.Finish() + "\n";
  }
  client::Table table = TextTable({"source", source});
  table.AddRow({"copy", copy});
  table.AddRow({"events", Thousands(report.events_checked)});
  table.AddRow({"head", std::to_string(head.position.value())});
  table.AddRow({"head hash", eventstore::ToHex(head.hash)});
  table.AddRow({"result", ok ? "OK: the copy verifies and ends at the source's head"
                             : "FAILED: the copy does not verify (kept for inspection)"});
  return Printed(table);
}

}  // namespace trygg::audit
