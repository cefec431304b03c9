package io.github.cyclegan.pth;

import io.github.cyclegan.weights.TensorDType;
import io.github.cyclegan.weights.TensorFormatException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only Python globals a state_dict pickle may reference. Everything else, {@code os.system}
 * included, is refused by name: this is what makes reading an untrusted checkpoint safe.
 */
final class TorchGlobals implements PickleMachine.Globals {

    /** The value of a {@code torch.FloatStorage}-style global: only names a dtype. */
    record StorageClass(String name, TensorDType dtype) {
    }

    private static final Map<String, TensorDType> STORAGE_TYPES = Map.of(
            "FloatStorage", TensorDType.F32,
            "DoubleStorage", TensorDType.F64,
            "HalfStorage", TensorDType.F16,
            "BFloat16Storage", TensorDType.BF16,
            "LongStorage", TensorDType.I64,
            "IntStorage", TensorDType.I32);

    @Override
    public Object resolve(String module, String name) throws TensorFormatException {
        String global = module + "." + name;
        switch (global) {
            case "collections.OrderedDict":
                return (PickleMachine.Callable) TorchGlobals::orderedDict;
            case "torch._utils._rebuild_tensor_v2":
                return (PickleMachine.Callable) TorchGlobals::rebuildTensor;
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return (PickleMachine.Callable) TorchGlobals::rebuildParameter;
            default:
                break;
        }
        if (module.equals("torch") && STORAGE_TYPES.containsKey(name)) {
            return new StorageClass(global, STORAGE_TYPES.get(name));
        }
        throw new TensorFormatException("refusing pickle global '" + global
                + "': not allowed in a state_dict (allowed: collections.OrderedDict, "
                + "torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, torch.<Float|Double|Half"
                + "|BFloat16|Long|Int>Storage)");
    }

    private static Object orderedDict(List<Object> args) throws TensorFormatException {
        if (!args.isEmpty()) {
            throw new TensorFormatException("OrderedDict built from arguments is not a torch state_dict");
        }
        return new LinkedHashMap<>();
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])}. */
    private static Object rebuildTensor(List<Object> args) throws TensorFormatException {
        if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage)) {
            throw new TensorFormatException("_rebuild_tensor_v2 called with unexpected arguments");
        }
        return new TensorSpec(storage, asLong(args.get(1), "storage_offset"),
                longs(args.get(2), "size"), longs(args.get(3), "stride"));
    }

    /** {@code _rebuild_parameter(data, requires_grad, hooks)}: a Parameter is just its tensor here. */
    private static Object rebuildParameter(List<Object> args) throws TensorFormatException {
        if (args.isEmpty() || !(args.get(0) instanceof TensorSpec tensor)) {
            throw new TensorFormatException("_rebuild_parameter called without a tensor");
        }
        return tensor;
    }

    static long asLong(Object value, String what) throws TensorFormatException {
        if (value instanceof Long number) {
            return number;
        }
        throw new TensorFormatException(what + " is a " + PickleMachine.typeName(value) + ", expected an int");
    }

    private static long[] longs(Object value, String what) throws TensorFormatException {
        if (!(value instanceof List<?> items)) {
            throw new TensorFormatException(what + " is a " + PickleMachine.typeName(value) + ", expected a tuple");
        }
        long[] result = new long[items.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = asLong(items.get(i), what);
        }
        return result;
    }

    /** Parses the storage type element of a persistent id. */
    static TensorDType storageDType(Object storageType) throws TensorFormatException {
        if (storageType instanceof StorageClass storageClass) {
            return storageClass.dtype();
        }
        throw new TensorFormatException("persistent id names a " + PickleMachine.typeName(storageType)
                + " where a storage class was expected");
    }
}
