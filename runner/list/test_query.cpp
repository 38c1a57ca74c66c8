// Filter queries of listed tests (see test_query.hpp).
#include "runner/list/test_query.hpp"

namespace ptest::runner {

profiles::FilterQuery filter_query(const TestRef& test, bool is_default, std::string_view group) {
    profiles::FilterQuery query;
    query.binary_id = test.binary->id;
    // The file name, as a view into the path's own storage (POSIX paths are strings).
    const std::string& path = test.binary->path.native();
    const std::size_t slash = path.rfind('/');
    query.binary_name = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
    query.kind = test.binary->kind;
    query.test_name = test.test->name;
    query.labels = test.test->labels;
    query.group = group;
    query.is_default = is_default;
    return query;
}

bool in_default_set(const TestRef& test, const profiles::Filterset& default_filter) {
    return default_filter.matches(filter_query(test));
}

} // namespace ptest::runner
