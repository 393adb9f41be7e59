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

// The command groups that hold both reads and writes ("plan show" and "plan create").
struct CommandGroups {
  CLI::App* plan = nullptr;      // plan show | create
  CLI::App* agency = nullptr;    // agency register
  CLI::App* measure = nullptr;   // measure show | propose | prioritise | ...
  CLI::App* measures = nullptr;  // measures list
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
