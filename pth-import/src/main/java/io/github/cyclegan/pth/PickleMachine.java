package io.github.cyclegan.pth;

import io.github.cyclegan.weights.TensorFormatException;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data-only pickle interpreter covering the opcodes {@code torch.save} emits (protocol 2, plus
 * the protocol 4 framing and string opcodes for files written with a higher protocol).
 *
 * <p>Safety: nothing from the stream is ever executed. A {@code GLOBAL} only becomes a callable
 * if the {@link Globals} policy hands one back, so an unknown reference such as
 * {@code os.system} stops the load before any {@code REDUCE} could apply it.
 *
 * <p>Python values become: str → {@link String}, int → {@link Long} (or {@link BigInteger} when
 * larger), float → {@link Double}, bool → {@link Boolean}, None → {@code null}, list →
 * {@link ArrayList}, tuple → unmodifiable {@link List}, dict → {@link LinkedHashMap}.
 */
final class PickleMachine {

    /**
     * The allow-list deciding what a {@code module.name} reference becomes: a {@link Callable}
     * for REDUCE, or a plain marker value; it throws for anything not allowed.
     */
    @FunctionalInterface
    interface Globals {
        Object resolve(String module, String name) throws TensorFormatException;
    }

    @FunctionalInterface
    interface Callable {
        Object call(List<Object> args) throws TensorFormatException;
    }

    /** Turns a persistent id (torch uses them for storages) into an object. */
    @FunctionalInterface
    interface PersistentLoader {
        Object load(Object persistentId) throws TensorFormatException;
    }

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final Globals globals;
    private final PersistentLoader persistentLoader;

    PickleMachine(Globals globals, PersistentLoader persistentLoader) {
        this.globals = globals;
        this.persistentLoader = persistentLoader;
    }

    /**
     * Runs one pickle starting at the buffer's position and leaves the position just after its
     * STOP, so that consecutive pickles (the legacy torch format) can be read in turn.
     */
    Object load(ByteBuffer buffer) throws TensorFormatException {
        ByteBuffer in = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        int start = buffer.position();
        try {
            Object result = run(in);
            buffer.position(start + in.position());
            return result;
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new TensorFormatException(
                    "truncated pickle: data ends inside the pickle that starts at byte " + start, e);
        }
    }

    private Object run(ByteBuffer in) throws TensorFormatException {
        List<Object> stack = new ArrayList<>();
        Map<Long, Object> memo = new HashMap<>();
        while (true) {
            int at = in.position();
            int opcode = in.get() & 0xff;
            switch (opcode) {
                case 0x80 -> in.get(); // PROTO: the version changes nothing for the opcodes we know
                case 0x95 -> in.getLong(); // FRAME: a read-ahead hint only
                case '}' -> stack.add(new LinkedHashMap<>());
                case ']' -> stack.add(new ArrayList<>());
                case ')' -> stack.add(List.of());
                case '(' -> stack.add(MARK);
                case 'X' -> stack.add(utf8(in, unsignedInt(in)));
                case 0x8c -> stack.add(utf8(in, in.get() & 0xff));
                case 0x8d -> stack.add(utf8(in, length(in.getLong())));
                case 'q' -> memo.put((long) (in.get() & 0xff), top(stack));
                case 'r' -> memo.put(unsignedInt(in), top(stack));
                case 0x94 -> memo.put((long) memo.size(), top(stack));
                case 'h' -> stack.add(memoGet(memo, in.get() & 0xff));
                case 'j' -> stack.add(memoGet(memo, unsignedInt(in)));
                case 'J' -> stack.add((long) in.getInt());
                case 'K' -> stack.add((long) (in.get() & 0xff));
                case 'M' -> stack.add((long) (in.getShort() & 0xffff));
                case 0x8a -> stack.add(longFromBytes(in, in.get() & 0xff));
                case 0x8b -> stack.add(longFromBytes(in, length(in.getInt())));
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'N' -> stack.add(null);
                case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
                case 't' -> stack.add(tuple(popToMark(stack)));
                case 0x85 -> stack.add(tuple(popN(stack, 1)));
                case 0x86 -> stack.add(tuple(popN(stack, 2)));
                case 0x87 -> stack.add(tuple(popN(stack, 3)));
                case 's' -> {
                    Object value = pop(stack);
                    Object key = pop(stack);
                    dict(top(stack)).put(key, value);
                }
                case 'u' -> {
                    List<Object> items = popToMark(stack);
                    if (items.size() % 2 != 0) {
                        throw corrupt(at, "SETITEMS with an odd number of items");
                    }
                    Map<Object, Object> dict = dict(top(stack));
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'a' -> {
                    Object value = pop(stack);
                    list(top(stack)).add(value);
                }
                case 'e' -> {
                    List<Object> items = popToMark(stack);
                    list(top(stack)).addAll(items);
                }
                case 'c' -> stack.add(globals.resolve(line(in), line(in)));
                case 0x93 -> {
                    Object name = pop(stack);
                    Object module = pop(stack);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt(at, "STACK_GLOBAL needs two strings");
                    }
                    stack.add(globals.resolve(m, n));
                }
                case 'R' -> {
                    Object args = pop(stack);
                    Object callable = pop(stack);
                    if (!(callable instanceof Callable c)) {
                        throw corrupt(at, "REDUCE on a " + typeName(callable) + ", not a callable");
                    }
                    if (!(args instanceof List<?> a)) {
                        throw corrupt(at, "REDUCE arguments are a " + typeName(args) + ", not a tuple");
                    }
                    stack.add(c.call(Collections.unmodifiableList(a)));
                }
                case 'b' -> build(pop(stack), top(stack), at);
                case 'Q' -> stack.add(persistentLoader.load(pop(stack)));
                case '.' -> {
                    Object result = pop(stack);
                    if (!stack.isEmpty()) {
                        throw corrupt(at, "STOP with " + stack.size() + " values left on the stack");
                    }
                    return result;
                }
                default -> throw new TensorFormatException(String.format(
                        "unsupported pickle opcode 0x%02x at byte %d (not one torch.save writes)", opcode, at));
            }
        }
    }

    /**
     * torch pickles a state_dict's {@code _metadata} attribute (per-module versions) through BUILD
     * on the OrderedDict; attributes carry no tensors, so applying them to a map is a no-op.
     */
    private static void build(Object state, Object target, int at) throws TensorFormatException {
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null)) {
            throw corrupt(at, "BUILD of a " + typeName(state) + " on a " + typeName(target) + " is not supported");
        }
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(items);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target) throws TensorFormatException {
        if (target instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new TensorFormatException("corrupt pickle: SETITEM on a " + typeName(target) + ", not a dict");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target) throws TensorFormatException {
        if (target instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw new TensorFormatException("corrupt pickle: APPEND on a " + typeName(target) + ", not a list");
    }

    private static Object memoGet(Map<Long, Object> memo, long index) throws TensorFormatException {
        if (!memo.containsKey(index)) {
            throw new TensorFormatException("corrupt pickle: memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private static Object top(List<Object> stack) throws TensorFormatException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new TensorFormatException("corrupt pickle: stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private static Object pop(List<Object> stack) throws TensorFormatException {
        Object value = top(stack);
        stack.remove(stack.size() - 1);
        return value;
    }

    private static List<Object> popN(List<Object> stack, int n) throws TensorFormatException {
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(0, pop(stack));
        }
        return items;
    }

    private static List<Object> popToMark(List<Object> stack) throws TensorFormatException {
        int mark = stack.lastIndexOf(MARK);
        if (mark < 0) {
            throw new TensorFormatException("corrupt pickle: no MARK on the stack");
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private static long unsignedInt(ByteBuffer in) {
        return in.getInt() & 0xffffffffL;
    }

    private static int length(long declared) throws TensorFormatException {
        if (declared < 0 || declared > Integer.MAX_VALUE) {
            throw new TensorFormatException("corrupt pickle: length " + declared + " out of range");
        }
        return (int) declared;
    }

    private static String utf8(ByteBuffer in, long length) throws TensorFormatException {
        byte[] bytes = new byte[available(in, length(length))];
        in.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TensorFormatException("corrupt pickle: string is not UTF-8", e);
        }
    }

    /** GLOBAL's operands are newline-terminated ASCII lines. */
    private static String line(ByteBuffer in) throws TensorFormatException {
        StringBuilder text = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            if (b < 0x20 || text.length() > 256) {
                throw new TensorFormatException("corrupt pickle: bad GLOBAL name");
            }
            text.append((char) b);
        }
        return text.toString();
    }

    /** A hostile length must not allocate memory the data cannot fill. */
    private static int available(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return length;
    }

    /** LONG1/LONG4 operands are little-endian two's complement. */
    private static Object longFromBytes(ByteBuffer in, int length) {
        byte[] bigEndian = new byte[available(in, length)];
        for (int i = length - 1; i >= 0; i--) {
            bigEndian[i] = in.get();
        }
        BigInteger value = length == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static TensorFormatException corrupt(int at, String what) {
        return new TensorFormatException("corrupt pickle at byte " + at + ": " + what);
    }

    static String typeName(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }
}
