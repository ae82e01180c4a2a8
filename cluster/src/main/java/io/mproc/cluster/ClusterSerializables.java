package io.mproc.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Makes mproc's own cluster types when Hazelcast reads them; the only types of mproc's that travel. */
final class ClusterSerializables implements DataSerializableFactory {

    /** "mp". */
    static final int FACTORY_ID = 0x6d70;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        return classId == NodeCall.CLASS_ID ? new NodeCall() : null;
    }
}
