// What trygg's standard output is connected to: how wide a table may be and whether to colour it.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace trygg::cli {

inline constexpr std::size_t kDefaultWidth = 100;  // when stdout is not a terminal

struct Terminal {
  std::size_t width = kDefaultWidth;
  bool colour = false;
};

// The width rule, pure: COLUMNS (a positive number) wins; otherwise the terminal's own width when
// stdout is one and it reports one; otherwise kDefaultWidth.
std::size_t ChooseWidth(std::optional<std::string_view> columns_env,
                        std::optional<std::size_t> tty_width);

// The colour rule, pure: only on a terminal, and never when NO_COLOR is set (to anything).
bool ChooseColour(bool stdout_is_tty, bool no_color_set);

// Looks at the real stdout (isatty, ioctl TIOCGWINSZ) and the environment.
Terminal DetectTerminal();

}  // namespace trygg::cli
