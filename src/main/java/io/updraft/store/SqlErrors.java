package io.updraft.store;

import java.sql.SQLException;

/** SQL states that mean the same on H2 and PostgreSQL, so services can react without knowing the database. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** 23505: a unique constraint refused the row (both databases). */
    public static boolean isUniqueViolation(Throwable error) {
        return hasState(error, "23505");
    }

    /** Lock wait timed out: H2 HYT00, PostgreSQL 55P03. */
    public static boolean isLockTimeout(Throwable error) {
        return hasState(error, "HYT00") || hasState(error, "55P03");
    }

    /** Two transactions collided and one was rolled back (40001 serialization, 40P01 deadlock): retrying is safe. */
    public static boolean isTransactionConflict(Throwable error) {
        return hasState(error, "40001") || hasState(error, "40P01");
    }

    private static boolean hasState(Throwable error, String state) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
