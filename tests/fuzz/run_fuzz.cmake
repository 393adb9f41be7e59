# Runs one libFuzzer target for a bounded time (the fuzz tests, tests/fuzz/CMakeLists.txt):
#   cmake -DFUZZER=path -DSEEDS=dir -DWORK=dir -DSECONDS=n -P run_fuzz.cmake
# The seeds (and the regression cases kept with them) run first; new inputs go to WORK/corpus,
# which starts empty each run so that every run costs the same and the tree is never written. A
# crash, leak, sanitizer report, timeout (10 s for one input) or more than 2 GB of memory fails
# the test and leaves the input in WORK (crash-*, leak-*, timeout-*, oom-*).
foreach(var FUZZER SEEDS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzz.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus)
set(ENV{ASAN_OPTIONS} "detect_leaks=1:abort_on_error=0")
set(ENV{UBSAN_OPTIONS} "halt_on_error=1:print_stacktrace=1")
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -error_exitcode=77 -timeout=10 -rss_limit_mb=2048
          -artifact_prefix=${WORK}/ -print_final_stats=1 ${WORK}/corpus ${SEEDS}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB artifacts ${WORK}/crash-* ${WORK}/leak-* ${WORK}/timeout-* ${WORK}/oom-*)
  message(FATAL_ERROR
          "${FUZZER} failed (exit ${result}); input: ${artifacts}\n"
          "Reproduce: ${FUZZER} <input>. Fix the code, then keep the input as a regression case "
          "in ${SEEDS}/ (docs/operations.md, \"Fuzzing\").")
endif()
