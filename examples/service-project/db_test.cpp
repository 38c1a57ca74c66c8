// The service-backed example: GoogleTest cases that reach a real PostgreSQL through libpq, as an
// application's integration tests would. The database is started by the setup script of
// .config/ptest.toml, which exports DATABASE_URL; every case that needs it has `Db` in its suite
// name, which is what the script rule's filter selects. ConnectionString.* needs no server, so
// running only it starts none. A case never skips: without DATABASE_URL or a server it fails and
// says why.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <libpq-fe.h>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using ConnectionPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// The value of DATABASE_URL, or an empty string when it is not set.
std::string database_url() {
    const char* url = std::getenv("DATABASE_URL");
    return url != nullptr ? url : "";
}

/// A connection to DATABASE_URL; `error` says why when it returns a null pointer.
ConnectionPtr connect(std::string& error) {
    std::string url = database_url();
    if (url.empty()) {
        error = "DATABASE_URL is not set: run these tests with `ptest run`, whose setup script "
                "starts the database";
        return {nullptr, &PQfinish};
    }
    ConnectionPtr connection(PQconnectdb(url.c_str()), &PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        error = "cannot connect to " + url + ": " + PQerrorMessage(connection.get());
        return {nullptr, &PQfinish};
    }
    // Notices (such as DROP TABLE IF EXISTS's "does not exist, skipping") are not failures.
    PQsetNoticeProcessor(
        connection.get(), [](void*, const char*) {}, nullptr);
    return connection;
}

/// Run `sql` with text parameters `params`.
ResultPtr exec(PGconn* connection, const std::string& sql,
               const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& param : params) {
        values.push_back(param.c_str());
    }
    return {PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0),
            &PQclear};
}

/// The first column of every row of `result`.
std::vector<std::string> first_column(const PGresult* result) {
    std::vector<std::string> values;
    for (int row = 0; row < PQntuples(result); ++row) {
        values.emplace_back(PQgetvalue(result, row, 0));
    }
    return values;
}

/// One open connection per case, and a table of the case's own (named after its process, since
/// ptest runs the cases in parallel on one server), dropped at the end.
class DbTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        m_connection = connect(error);
        ASSERT_TRUE(m_connection) << error;
        m_table = "items_" + std::to_string(::getpid());
    }
    void TearDown() override {
        if (m_connection != nullptr) {
            exec(db(), "DROP TABLE IF EXISTS " + m_table);
        }
    }

    [[nodiscard]] PGconn* db() const { return m_connection.get(); }
    [[nodiscard]] const std::string& table() const { return m_table; }

    /// Run `sql` and expect it to succeed with `status`.
    ResultPtr run(const std::string& sql, const std::vector<std::string>& params = {},
                  ExecStatusType status = PGRES_COMMAND_OK) {
        ResultPtr result = exec(db(), sql, params);
        EXPECT_EQ(PQresultStatus(result.get()), status)
            << sql << ": " << PQresultErrorMessage(result.get());
        return result;
    }
    void create_table() {
        run("CREATE TABLE " + table() + " (id integer PRIMARY KEY, name text NOT NULL)");
    }
    /// The names in the table, by id, as `connection` sees them.
    std::vector<std::string> names(PGconn* connection) {
        ResultPtr result = exec(connection, "SELECT name FROM " + table() + " ORDER BY id");
        EXPECT_EQ(PQresultStatus(result.get()), PGRES_TUPLES_OK)
            << PQresultErrorMessage(result.get());
        return first_column(result.get());
    }

private:
    ConnectionPtr m_connection{nullptr, &PQfinish};
    std::string m_table;
};

using DbConnection = DbTest;
using DbTable = DbTest;
using DbTransaction = DbTest;

} // namespace

TEST_F(DbConnection, ReachesAPostgreSql15OrLaterServer) {
    ResultPtr result = run("SELECT 1 + 1", {}, PGRES_TUPLES_OK);
    EXPECT_EQ(first_column(result.get()), std::vector<std::string>{"2"});
    EXPECT_GE(PQserverVersion(db()), 150000);
}

TEST_F(DbConnection, ServerListensOnTheLoopbackAddressOnly) {
    ResultPtr result = run("SHOW listen_addresses", {}, PGRES_TUPLES_OK);
    EXPECT_EQ(first_column(result.get()), std::vector<std::string>{"127.0.0.1"});
}

TEST_F(DbTable, InsertedRowsAreSelectedBackInOrder) {
    create_table();
    run("INSERT INTO " + table() + " VALUES ($1, $2), ($3, $4)", {"2", "beta", "1", "alpha"});
    run("INSERT INTO " + table() + " VALUES ($1, $2)", {"3", "it's quoted"});
    EXPECT_EQ(names(db()), (std::vector<std::string>{"alpha", "beta", "it's quoted"}));
}

TEST_F(DbTable, CommittedRowsAreSeenByAnotherConnection) {
    create_table();
    run("INSERT INTO " + table() + " VALUES (1, 'shared')");
    std::string error;
    ConnectionPtr other = connect(error);
    ASSERT_TRUE(other) << error;
    EXPECT_EQ(names(other.get()), std::vector<std::string>{"shared"});
}

TEST_F(DbTransaction, RollbackDiscardsTheInsertedRows) {
    create_table();
    run("INSERT INTO " + table() + " VALUES (1, 'kept')");
    run("BEGIN");
    run("INSERT INTO " + table() + " VALUES (2, 'discarded')");
    EXPECT_EQ(names(db()), (std::vector<std::string>{"kept", "discarded"}));
    run("ROLLBACK");
    EXPECT_EQ(names(db()), std::vector<std::string>{"kept"});
}

TEST_F(DbTransaction, UncommittedRowsAreInvisibleToAnotherConnection) {
    create_table();
    std::string error;
    ConnectionPtr other = connect(error);
    ASSERT_TRUE(other) << error;
    run("BEGIN");
    run("INSERT INTO " + table() + " VALUES (1, 'pending')");
    EXPECT_TRUE(names(other.get()).empty());
    run("COMMIT");
    EXPECT_EQ(names(other.get()), std::vector<std::string>{"pending"});
}

TEST_F(DbTransaction, AConstraintViolationAbortsTheTransaction) {
    create_table();
    run("BEGIN");
    run("INSERT INTO " + table() + " VALUES (1, 'first')");
    ResultPtr duplicate = exec(db(), "INSERT INTO " + table() + " VALUES (1, 'again')");
    ASSERT_EQ(PQresultStatus(duplicate.get()), PGRES_FATAL_ERROR);
    EXPECT_STREQ(PQresultErrorField(duplicate.get(), PG_DIAG_SQLSTATE), "23505"); // unique
    ResultPtr after = exec(db(), "SELECT 1");
    EXPECT_STREQ(PQresultErrorField(after.get(), PG_DIAG_SQLSTATE), "25P02"); // aborted
    run("ROLLBACK");
    EXPECT_TRUE(names(db()).empty());
}

// Needs no server: libpq parses the URL the setup script writes without connecting.
TEST(ConnectionString, ParsesTheFormTheSetupScriptWrites) {
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse("postgresql://postgres@127.0.0.1:54321/postgres", &error), &PQconninfoFree);
    ASSERT_TRUE(options) << (error != nullptr ? error : "");
    std::map<std::string, std::string> values;
    for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        if (option->val != nullptr) {
            values[option->keyword] = option->val;
        }
    }
    EXPECT_EQ(values["host"], "127.0.0.1");
    EXPECT_EQ(values["port"], "54321");
    EXPECT_EQ(values["user"], "postgres");
    EXPECT_EQ(values["dbname"], "postgres");
}
