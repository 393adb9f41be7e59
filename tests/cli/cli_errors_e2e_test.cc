// Every error class through the real binaries: the exit code (2 usage, 3 not found, 4 permission
// or authentication, 5 conflict or illegal transition, 6 server unavailable) and the one line on
// stderr that says what went wrong and what to do.
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace trygg::testing {
namespace {

using CliErrors = CliTest;

TEST_F(CliErrors, UsageErrorsExit2) {
  ExpectFailure(RunCli({"bogus"}, Env()), 2, "'bogus' is not a trygg command; see 'trygg --help'");
  ExpectFailure(RunCli({}, Env()), 2, "see 'trygg --help'");
  ExpectFailure(RunCli({"measure"}, Env()), 2, "see 'trygg measure --help'");
  ExpectFailure(Trygg(coordinator_, {"measure", "assign", "m-1", "--agency", kPolice}), 2,
                "--due is required; see 'trygg measure assign --help'");
  ExpectFailure(Trygg(police_, {"measure", "progress", "m-1", "--percent", "101"}), 2, "--percent");
  ExpectFailure(Trygg(police_, {"measure", "prioritise", "m-1", "--priority", "urgent"}), 2,
                "'urgent' is not a priority");
  ExpectFailure(Trygg(reader_, {"measures", "list", "--status", "done"}), 2,
                "'done' is not a status");
  ExpectFailure(Trygg(coordinator_, {"plan", "create", "p", "--name", "P", "--municipality", "M",
                                     "--focus-area", "utan-namn"}),
                2, "is not KEY=NAME");
  ExpectFailure(Trygg(reader_, {"--output", "yaml", "whoami"}), 2,
                "--output is 'yaml', not an output format; use table, json or csv");
  ExpectFailure(Trygg(reader_, {"--timeout", "-1", "whoami"}), 2, "not a timeout");
  ExpectFailure(Trygg(reader_, {"--cert", "c.pem", "whoami"}), 2, "give both --cert and --key");
  ExpectFailure(Trygg(reader_, {"--ca", dir_.Sub("missing.pem").string(), "whoami"}), 2,
                "cannot read the CA certificate file");
  // A reader acts for no agency: status needs --agency.
  ExpectFailure(Trygg(reader_, {"status"}), 2,
                "principal 'lasare' (role reader) acts for no agency; give --agency ID");
  // The server calls a field invalid: also a usage error.
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "T", "high", "", "");
  ExpectFailure(
      Trygg(coordinator_, {"measure", "assign", "m-1", "--agency", kPolice, "--due", "31/12/2099"}),
      2, "the server rejected the request: due_date");
  ExpectFailure(Trygg(coordinator_, {"measure", "propose", "--plan", kPlan, "--focus-area", "okand",
                                     "--title", "T"}),
                2, "focus_area 'okand' is not a focus area");
}

TEST_F(CliErrors, NotFoundExits3) {
  CreatePlanAndAgencies();
  ExpectFailure(Trygg(reader_, {"measure", "show", "m-404"}), 3,
                "no measure 'm-404' (NOT_FOUND); check the id with 'trygg measures list'");
  ExpectFailure(Trygg(reader_, {"plan", "show", "ingen-plan"}), 3, "no plan 'ingen-plan'");
  ExpectFailure(Trygg(reader_, {"status", "--agency", "ingen"}), 3, "NOT_FOUND");
  ExpectFailure(Trygg(police_, {"measure", "start", "m-404"}), 3, "measure m-404 not found");
  ExpectFailure(Trygg(coordinator_, {"measure", "propose", "--plan", "ingen-plan", "--focus-area",
                                     "narkotika", "--title", "T"}),
                3, "plan ingen-plan not found");
  ProposeAndAssign("m-1", "narkotika", "T", "high", "", "");
  ExpectFailure(
      Trygg(coordinator_, {"measure", "assign", "m-1", "--agency", "ingen", "--due", "2099-01-01"}),
      3, "agency ingen not found");
}

TEST_F(CliErrors, AuthenticationAndPermissionFailuresExit4) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "T", "high", kSocial, "2099-01-01");
  ExpectFailure(Trygg("", {"whoami"}), 4,
                "the server wants a token (UNAUTHENTICATED); give --token or set TRYGG_TOKEN");
  ExpectFailure(Trygg("not-a-token", {"status", "--agency", kPolice}), 4,
                "the server refused the token (UNAUTHENTICATED); check --token or TRYGG_TOKEN");
  ExpectFailure(Trygg(reader_, {"measure", "propose", "--plan", kPlan, "--focus-area", "narkotika",
                                "--title", "T"}),
                4, "not allowed (PERMISSION_DENIED): principal 'lasare' has role reader");
  // Only the responsible agency may start its measure: not another agency, not the coordinator.
  ExpectFailure(Trygg(police_, {"measure", "start", "m-1"}), 4,
                "only the responsible agency varnamo-kommun-socialtjansten may start");
  ExpectFailure(Trygg(coordinator_, {"measure", "start", "m-1"}), 4, "PERMISSION_DENIED");
  // The event log is not for readers.
  ExpectFailure(Trygg(reader_, {"watch", "--from", "1"}), 4, "PERMISSION_DENIED");
  ExpectFailure(Trygg(reader_, {"measure", "show", "m-1", "-o", "csv"}), 4,
                "the history needs the event log");
}

TEST_F(CliErrors, IllegalTransitionsVersionConflictsAndTakenIdsExit5) {
  CreatePlanAndAgencies();
  ProposeAndAssign("m-1", "narkotika", "T", "high", kPolice, "2099-01-01");
  TryggOk(police_, {"measure", "complete", "m-1", "--outcome", "Klart"});
  // The server's own message: the measure, its status and what is allowed.
  ExpectFailure(Trygg(police_, {"measure", "start", "m-1"}), 5,
                "trygg: cannot start: measure m-1 is COMPLETED; allowed: record follow-up\n");
  ExpectFailure(Trygg(coordinator_, {"measure", "withdraw", "m-1"}), 5, "is COMPLETED");
  ProposeAndAssign("m-2", "narkotika", "T", "", "", "");
  ExpectFailure(
      Trygg(coordinator_, {"measure", "assign", "m-2", "--agency", kPolice, "--due", "2099-01-01"}),
      5, "cannot assign: measure m-2 is PROPOSED");
  // Optimistic concurrency: the measure is at version 1.
  ExpectFailure(Trygg(coordinator_, {"measure", "prioritise", "m-2", "--priority", "low",
                                     "--expected-version", "7"}),
                5, "measure m-2 is at version 1, not the expected 7 (version conflict)");
  TryggOk(coordinator_,
          {"measure", "prioritise", "m-2", "--priority", "low", "--expected-version", "1"});
  // Ids are taken once.
  ExpectFailure(Trygg(coordinator_, {"agency", "register", kPolice, "--name", "Igen"}), 5,
                "agency polisen-lpo-varnamo already exists (ALREADY_EXISTS)");
  ExpectFailure(Trygg(coordinator_, {"plan", "create", kPlan, "--name", "Igen", "--municipality",
                                     "M", "--focus-area", "a=A"}),
                5, "already exists");
}

TEST_F(CliErrors, AnUnreachableServerExits6) {
  LoopbackPort closed(/*listen=*/false);
  ASSERT_FALSE(closed.address().empty());
  CliResult result =
      RunCli({"--server", closed.address(), "--timeout", "3", "--token", reader_, "whoami"}, Env());
  ExpectFailure(result, 6,
                "trygg: cannot reach trygg-server at " + closed.address() +
                    " (connection refused); is it running? check --server\n");
  // Every command, reads and writes alike.
  ExpectFailure(RunCli({"--server", closed.address(), "--timeout", "3", "--token", coordinator_,
                        "measure", "start", "m-1"},
                       Env()),
                6, "cannot reach trygg-server");
  ExpectFailure(
      RunCli({"--server", closed.address(), "--timeout", "3", "--token", auditor_, "watch"}, Env()),
      6, "cannot reach trygg-server");
  // A server that accepts connections but never answers: the call's deadline (--timeout).
  LoopbackPort silent(/*listen=*/true);
  ExpectFailure(
      RunCli({"--server", silent.address(), "--timeout", "0.5", "--token", reader_, "whoami"},
             Env()),
      6,
      "no answer from trygg-server at " + silent.address() +
          " within 0.5 s (DEADLINE_EXCEEDED); check --server, or raise --timeout");
  // A server that answers but has not reached the asked-for position within --timeout. (The
  // server waits until the call's own deadline, so which side's DEADLINE_EXCEEDED arrives first
  // varies: either way exit code 6 and the timeout named.)
  ExpectFailure(
      Trygg(reader_, {"--timeout", "0.5", "measures", "list", "--min-position", "1000000"}), 6,
      " within 0.5 s (");
  // A server that has stopped.
  ASSERT_EQ(server_->Terminate(), 0);
  ExpectFailure(Trygg(reader_, {"--timeout", "3", "plan", "show", kPlan}), 6,
                "cannot reach trygg-server at " + address());
}

}  // namespace
}  // namespace trygg::testing
