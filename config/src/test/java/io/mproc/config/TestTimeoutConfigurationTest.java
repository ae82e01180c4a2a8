package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build gives every test of every module a default timeout, so a hang fails fast instead of stalling CI. */
class TestTimeoutConfigurationTest {

    @RegisterExtension
    static final ParameterResolver EXTENSION_CONTEXT = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionContext.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context;
        }
    };

    @Test
    void everyTestRunsUnderADefaultTimeoutThatAppliesEvenToUninterruptibleWaits(ExtensionContext context) {
        assertThat(context.getConfigurationParameter("junit.jupiter.execution.timeout.default")).hasValue("120 s");
        assertThat(context.getConfigurationParameter("junit.jupiter.execution.timeout.mode")).hasValue("enabled");
        assertThat(context.getConfigurationParameter("junit.jupiter.execution.timeout.thread.mode.default"))
                .hasValue("SEPARATE_THREAD");
    }
}
