// The flag-setting signal handlers of interrupt_flag.hpp.
#include "runner/archive/interrupt_flag.hpp"

namespace ptest::runner {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

constexpr int k_signals[3] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void set_interrupted(int /*signal*/) {
    g_interrupted = 1;
}

} // namespace

InterruptFlag::InterruptFlag() {
    g_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = set_interrupted;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; ++i) {
        ::sigaction(k_signals[i], &action, &m_previous[i]);
    }
}

InterruptFlag::~InterruptFlag() {
    for (int i = 0; i < 3; ++i) {
        ::sigaction(k_signals[i], &m_previous[i], nullptr);
    }
}

bool InterruptFlag::raised() const {
    return g_interrupted != 0;
}

const volatile std::sig_atomic_t* InterruptFlag::flag() {
    return &g_interrupted;
}

} // namespace ptest::runner
