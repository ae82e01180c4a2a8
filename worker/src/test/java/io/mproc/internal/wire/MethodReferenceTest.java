package io.mproc.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.BiTaskFunction;
import io.mproc.TaskFunction;
import io.mproc.WorkerInitializer;
import io.mproc.internal.launch.SerializedLambdas;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import org.junit.jupiter.api.Test;

class MethodReferenceTest {

    private static final ClassLoader LOADER = MethodReferenceTest.class.getClassLoader();

    @Test
    void aStaticMethodReferenceBoxesAndUnboxesAsTheLambdaDoes() throws Throwable {
        MethodHandle square = travelled((TaskFunction<Integer, Integer>) MethodReferenceTest::square);

        assertThat((Object) square.invokeExact((Object) 7)).isEqualTo(49);
    }

    @Test
    void anArgumentOfAnotherTypeFailsAsTheLambdaWouldInsteadOfBeingNarrowed() {
        MethodHandle square = travelled((TaskFunction<Integer, Integer>) MethodReferenceTest::square);

        assertThatThrownBy(() -> {
            Object ignored = (Object) square.invokeExact((Object) 7L);
        }).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aLambdaBodyIsAPrivateMethodAndResolves() throws Throwable {
        MethodHandle plusOne = travelled((TaskFunction<String, Integer>) text -> text.length() + 1);

        assertThat((Object) plusOne.invokeExact((Object) "mproc")).isEqualTo(6);
    }

    @Test
    void anUnboundInstanceMethodOfAJdkClassTakesItsReceiverFirst() throws Throwable {
        MethodHandle startsWith = travelled((BiTaskFunction<String, String, Boolean>) String::startsWith);

        assertThat((Object) startsWith.invokeExact((Object) "mproc", (Object) "mp")).isEqualTo(true);
    }

    @Test
    void aConstructorReferenceBuildsTheObject() throws Throwable {
        MethodHandle builder = travelled((TaskFunction<String, StringBuilder>) StringBuilder::new);

        assertThat((Object) builder.invokeExact((Object) "x")).hasToString("x");
    }

    @Test
    void aVoidLambdaReturnsNull() throws Throwable {
        MethodHandle initializer = travelled((WorkerInitializer) MethodReferenceTest::nothing);

        assertThat((Object) initializer.invokeExact()).isNull();
    }

    @Test
    void aLambdaWrittenInAnInterfaceResolves() throws Throwable {
        MethodHandle doubler = travelled(Doublers.doubler());

        assertThat((Object) doubler.invokeExact((Object) 21)).isEqualTo(42);
    }

    @Test
    void aLambdaThatCapturesIsNoMethodReference() {
        int offset = 3;
        TaskFunction<Integer, Integer> capturing = x -> x + offset;

        assertThat(MethodReference.of(SerializedLambdas.of(capturing))).isNull();
    }

    @Test
    void aMethodThatIsNotThereFailsToResolve() {
        MethodReference missing = new MethodReference(MethodReferenceTest.class.getName(),
                MethodHandleInfo.REF_invokeStatic, "gone", "(I)I", "(Ljava/lang/Integer;)Ljava/lang/Integer;");

        assertThatThrownBy(() -> missing.resolve(LOADER)).isInstanceOf(NoSuchMethodException.class);
    }

    /** The lambda as a worker rebuilds it: read as a method reference, encoded, decoded and resolved. */
    private static MethodHandle travelled(Object lambda) {
        MethodReference reference = MethodReference.of(SerializedLambdas.of(lambda));
        assertThat(reference).isNotNull();
        try {
            MethodReference decoded = MethodReference.decode(reference.encode());
            assertThat(decoded).isEqualTo(reference);
            return decoded.resolve(LOADER);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface Doublers {
        static TaskFunction<Integer, Integer> doubler() {
            return x -> x * 2;
        }
    }

    private static int square(int x) {
        return x * x;
    }

    private static void nothing() {
    }
}
