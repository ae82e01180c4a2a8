package io.mproc.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A request from a coordinator to one node, through the cluster's executor service: what it asks for, the
 * coordinator's mproc version and a {@link Sealed} request. It runs on an executor thread of the node's member,
 * which hands it to the node's {@link NodeAgent} and returns the sealed reply. Serialized field by field, never with
 * Java serialization.
 */
final class NodeCall implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {

    static final int CLASS_ID = 1;

    /** What a call asks of a node; its ordinal travels, and its purposes are signed with the request and reply. */
    enum Kind {
        /** Run tasks of a job: {@link Messages.TaskRequest}. */
        TASKS(Sealed.Purpose.TASK_REQUEST, Sealed.Purpose.TASK_REPLY),
        /** Start a worker JVM for a coordinator's pool: {@link Messages.LaunchRequest}. */
        LAUNCH(Sealed.Purpose.LAUNCH_REQUEST, Sealed.Purpose.LAUNCH_REPLY),
        /** Kill such a worker: {@link Messages.KillRequest}. */
        KILL(Sealed.Purpose.KILL_REQUEST, Sealed.Purpose.KILL_REPLY);

        final Sealed.Purpose request;
        final Sealed.Purpose reply;

        Kind(Sealed.Purpose request, Sealed.Purpose reply) {
            this.request = request;
            this.reply = reply;
        }
    }

    private Kind kind;
    private String version;
    private byte[] request;
    private transient HazelcastInstance member;

    NodeCall() {
    }

    NodeCall(Kind kind, String version, byte[] request) {
        this.kind = kind;
        this.version = version;
        this.request = request;
    }

    @Override
    public byte[] call() {
        Object agent = member.getUserContext().get(NodeAgent.CONTEXT_KEY);
        return agent instanceof NodeAgent node ? node.handle(kind, version, request)
                : Sealed.refusal("member " + member.getCluster().getLocalMember().getAddress()
                        + " is not an mproc node");
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerializables.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeString(version);
        out.writeByteArray(request);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int ordinal = in.readByte();
        if (ordinal < 0 || ordinal >= Kind.values().length) {
            throw new IOException("unknown mproc node call " + ordinal);
        }
        kind = Kind.values()[ordinal];
        version = in.readString();
        request = in.readByteArray();
    }
}
