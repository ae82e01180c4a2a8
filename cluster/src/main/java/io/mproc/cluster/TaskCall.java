package io.mproc.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * One task on its way to a node, through the cluster's executor service: the coordinator's mproc version and a
 * {@link Sealed} request. It runs on an executor thread of the node's member, which hands it to the node's
 * {@link NodeAgent}; that waits for the task's worker JVM and returns the sealed reply. Serialized field by field,
 * never with Java serialization.
 */
final class TaskCall implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {

    static final int CLASS_ID = 1;

    private String version;
    private byte[] request;
    private transient HazelcastInstance member;

    TaskCall() {
    }

    TaskCall(String version, byte[] request) {
        this.version = version;
        this.request = request;
    }

    @Override
    public byte[] call() {
        Object agent = member.getUserContext().get(NodeAgent.CONTEXT_KEY);
        return agent instanceof NodeAgent node ? node.handle(version, request)
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
        out.writeString(version);
        out.writeByteArray(request);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        version = in.readString();
        request = in.readByteArray();
    }
}
