package io.updraft.testing;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Runs only in the PostgreSQL pass of the suite ({@code -Dupdraft.test.store=postgresql}): cluster behaviour. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(named = TestStore.PROPERTY, matches = "postgresql")
public @interface PostgresqlOnly {
}
