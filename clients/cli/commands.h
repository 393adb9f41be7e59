// trygg's commands, registered on the CLI11 parser. Each command's callback (run by CLI11 once
// the whole command line parsed) stores in *action what to do; main then resolves the settings,
// makes the Session and runs it. So parsing never touches the network, and a usage error is
// reported before anything happens.
#pragma once

#include <functional>

#include "common/outcome.h"

namespace CLI {
class App;
}

namespace trygg::cli {

class Session;

using Action = std::function<client::Outcome(Session&)>;

// The command groups ("plan", "measure", ...), made by main; the read and the write commands
// both add their subcommands to them ("plan show" and "plan create").
struct CommandGroups {
  CLI::App* plan = nullptr;       // plan show|create|adopt|picture|trace|follow-up|report
  CLI::App* agency = nullptr;     // agency register
  CLI::App* measure = nullptr;    // measure show | propose | prioritise | ... | link | import
  CLI::App* measures = nullptr;   // measures list
  CLI::App* input = nullptr;      // input record (residents' input)
  CLI::App* finding = nullptr;    // finding record | revise | retire
  CLI::App* cause = nullptr;      // cause identify | revise | retire
  CLI::App* goal = nullptr;       // goal set | retire (operational goals of a measure)
  CLI::App* partner = nullptr;    // partner add | remove (partner agencies of a measure)
  CLI::App* follow_up = nullptr;  // follow-up record
  CLI::App* group = nullptr;      // group form | change | show (working groups)
  CLI::App* promise = nullptr;    // promise make | end (citizen promises)
};

// whoami, status, plan show, measures list, measure show.
void AddReadCommands(CLI::App& app, const CommandGroups& groups, Action* action);
// plan create, agency register, measure propose|prioritise|assign|start|progress|complete|withdraw.
void AddWriteCommands(const CommandGroups& groups, Action* action);
// watch.
void AddWatchCommand(CLI::App& app, Action* action);

// The hint for a NOT_FOUND answer about a measure, a plan or an agency.
inline constexpr char kMeasureHint[] = "check the id with 'trygg measures list'";
inline constexpr char kPlanHint[] = "check the plan id (trygg measures list shows each measure's)";
inline constexpr char kAgencyHint[] =
    "check the agency id (an agency is registered with 'trygg "
    "agency register')";

}  // namespace trygg::cli
