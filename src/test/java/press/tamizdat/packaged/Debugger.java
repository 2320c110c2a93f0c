package press.tamizdat.packaged;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's debugger interface (JDI) attached to the packaged application over JDWP, to make one
 * of its threads hang the way a stuck lock or a relay that never answers would, without a line of
 * test code in the application.
 */
final class Debugger implements AutoCloseable {

    private final VirtualMachine vm;
    private final CountDownLatch held = new CountDownLatch(1);

    private Debugger(VirtualMachine vm) {
        this.vm = vm;
        Thread.ofPlatform().daemon().name("debugger-events").start(this::handleEvents);
    }

    /** The JVM option that lets a debugger attach on the given loopback port, without waiting for one. */
    static String agent(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
    }

    /** Attaches to the application's debugging agent, which listens from the JVM's first moment. */
    static Debugger attach(int port) throws Exception {
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(candidate -> candidate.name().equals("com.sun.jdi.SocketAttach"))
                .findFirst()
                .orElseThrow();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return new Debugger(connector.attach(arguments));
            } catch (IOException notYetListening) {
                last = notYetListening;
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw last;
    }

    /** From now on, the first thread to enter the method stops there for good. */
    void holdFirstThreadIn(String className, String method) {
        var prepared = vm.eventRequestManager().createClassPrepareRequest();
        prepared.addClassFilter(className);
        prepared.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepared.putProperty("method", method);
        prepared.enable();
        vm.classesByName(className).forEach(type -> breakIn(type, method));
    }

    /** Whether a thread has stopped in the method within the time given. */
    boolean holdsAThread(Duration within) throws InterruptedException {
        return held.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            vm.dispose();
        } catch (VMDisconnectedException alreadyGone) {
            // the application has ended
        }
    }

    private synchronized void breakIn(ReferenceType type, String method) {
        var location = type.methodsByName(method).getFirst().location();
        if (!vm.eventRequestManager().breakpointRequests().isEmpty()) {
            return;
        }
        var breakpoint = vm.eventRequestManager().createBreakpointRequest(location);
        breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        breakpoint.addCountFilter(1);
        breakpoint.enable();
    }

    private void handleEvents() {
        try {
            while (true) {
                var events = vm.eventQueue().remove();
                boolean resume = true;
                for (var event : events) {
                    switch (event) {
                        case ClassPrepareEvent prepared ->
                            breakIn(prepared.referenceType(), (String)
                                    prepared.request().getProperty("method"));
                        case BreakpointEvent stopped -> {
                            resume = false;
                            held.countDown();
                        }
                        case VMDisconnectEvent gone -> {
                            return;
                        }
                        case VMDeathEvent gone -> {
                            return;
                        }
                        default -> {}
                    }
                }
                if (resume) {
                    events.resume();
                }
            }
        } catch (InterruptedException | VMDisconnectedException gone) {
            // the application or the test has ended
        }
    }
}
