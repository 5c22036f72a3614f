package io.sumbin.histmodel.parallel;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.util.RecordText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Sends {@link Work} and its results to another JVM and back: Java serialization in which
 *
 * <ul>
 *   <li>a {@link CompiledModel} travels as the {@link ModelSpec} it was compiled from and is compiled
 *       again on arrival ({@link ModelCompiler} is deterministic, so the copy computes exactly what the
 *       original does; one compilation per model and message);
 *   <li>a record that is not {@link Serializable} travels by its components and is rebuilt through its
 *       canonical constructor, as Java serializes serializable records — so the library's specs,
 *       settings and results need not declare serializability;
 *   <li>everything else must be serializable (arrays, strings, enums, standard collections).
 * </ul>
 *
 * Classes are resolved through the thread's context class loader (on a Spark executor: the loader
 * of the application jar). A value that cannot travel is refused with the class that cannot.
 */
public final class Portable {
  private Portable() {}

  /** Whether {@code model} can be sent (it was compiled by {@link ModelCompiler#compile} in this JVM). */
  public static boolean portable(CompiledModel model) {
    return ModelCompiler.source(model) != null;
  }

  /** The bytes of {@code value}. @throws IllegalArgumentException when part of it cannot travel */
  public static byte[] toBytes(Object value) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = output(b)) {
      o.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("cannot send " + describe(value) + " to another JVM: " + e.getMessage()
          + " is neither a record, a compiled model nor serializable", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot send " + describe(value) + " to another JVM: " + e, e);
    }
    return b.toByteArray();
  }

  /** The value of {@link #toBytes} bytes, classes from the context class loader. */
  public static Object fromBytes(byte[] bytes) {
    try (ObjectInputStream in = input(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read a value sent by another JVM: " + e, e);
    }
  }

  /** A copy of {@code value} made by sending it through {@link #toBytes}/{@link #fromBytes}. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    return (T) fromBytes(toBytes(value));
  }

  private static String describe(Object v) {
    return v == null ? "null" : v instanceof Work<?, ?> w ? "work '" + w.name() + "'" : v.getClass().getName();
  }

  /** A serialization stream with the replacements above. */
  public static ObjectOutputStream output(OutputStream out) throws IOException {
    return new Out(out);
  }

  /** A deserialization stream that undoes the replacements above. */
  public static ObjectInputStream input(InputStream in) throws IOException {
    return new In(in);
  }

  /** A compiled model as its specification. */
  record ModelForm(ModelSpec spec) implements Serializable {}

  /** A record that is not serializable, by its components. */
  record RecordForm(Class<?> type, Object[] components) implements Serializable {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  private static final class Out extends ObjectOutputStream {
    Out(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) throws IOException {
      if (obj instanceof CompiledModel m) {
        ModelSpec s = ModelCompiler.source(m);
        if (s == null) {
          throw new NotSerializableException(CompiledModel.class.getName() + " (a model not made by ModelCompiler.compile)");
        }
        return new ModelForm(s);
      }
      if (obj instanceof Record r && !(obj instanceof Serializable)) {
        RecordComponent[] rc = r.getClass().getRecordComponents();
        Object[] v = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
          try {
            var acc = rc[i].getAccessor();
            acc.setAccessible(true);
            v[i] = acc.invoke(r);
          } catch (IllegalAccessException | InvocationTargetException e) {
            throw new InvalidClassException(r.getClass().getName(), "cannot read component " + rc[i].getName() + ": " + e);
          }
        }
        return new RecordForm(r.getClass(), v);
      }
      return obj;
    }
  }

  private static final class In extends ObjectInputStream {
    In(InputStream in) throws IOException {
      super(in);
      enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl != null) {
        try {
          return Class.forName(desc.getName(), false, cl);
        } catch (ClassNotFoundException e) {
          // fall back to the default (primitive types, this class's loader)
        }
      }
      return super.resolveClass(desc);
    }

    @Override
    protected Object resolveObject(Object obj) throws IOException {
      if (obj instanceof ModelForm f) {
        return ModelCompiler.compile(f.spec());
      }
      if (obj instanceof RecordForm f) {
        RecordComponent[] rc = f.type().getRecordComponents();
        if (rc == null || rc.length != f.components().length) {
          throw new InvalidClassException(f.type().getName(), "not the record that was sent");
        }
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
          types[i] = rc[i].getType();
        }
        try {
          Constructor<?> c = f.type().getDeclaredConstructor(types);
          c.setAccessible(true);
          return c.newInstance(f.components());
        } catch (InvocationTargetException e) {
          InvalidClassException ex = new InvalidClassException(f.type().getName(), "rejected its components: " + e.getCause());
          ex.initCause(e.getCause());
          throw ex;
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          throw new InvalidClassException(f.type().getName(), "cannot rebuild: " + e);
        }
      }
      return obj;
    }
  }
}
