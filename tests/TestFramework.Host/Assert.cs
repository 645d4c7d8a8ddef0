using System;
using System.Collections;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>The assertions of nanoFramework.TestFramework 3.x (no Fail, no delta, exact-type ThrowsException).</summary>
    public sealed class Assert
    {
        private Assert()
        {
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual", "expected " + expected + ", got " + actual, message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual", "expected " + expected + ", got " + actual, message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual", "expected " + expected + ", got " + actual, message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!expected.Equals(actual))
            {
                Fail("AreEqual", "expected " + expected + ", got " + actual, message);
            }
        }

        /// <summary>Fails unless the strings are equal.</summary>
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Fail("AreEqual", "expected \"" + expected + "\", got \"" + actual + "\"", message);
            }
        }

        /// <summary>Fails unless the objects are equal by <see cref="object.Equals(object, object)"/> (arrays compare by reference).</summary>
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual", "expected " + expected + ", got " + actual, message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected == actual)
            {
                Fail("AreNotEqual", "both are " + actual, message);
            }
        }

        /// <summary>Fails when the objects are equal.</summary>
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual", "both are " + actual, message);
            }
        }

        /// <summary>Fails unless both refer to the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("AreSame", "different objects", message);
            }
        }

        /// <summary>Fails unless the condition holds.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("IsTrue", "condition is false", message);
            }
        }

        /// <summary>Fails when the condition holds.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("IsFalse", "condition is true", message);
            }
        }

        /// <summary>Fails unless the value is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("IsNull", "value is " + value, message);
            }
        }

        /// <summary>Fails when the value is null.</summary>
        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("IsNotNull", "value is null", message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> contains <paramref name="expected"/>.</summary>
        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.Contains(expected, StringComparison.Ordinal))
            {
                Fail("Contains", "\"" + value + "\" does not contain \"" + expected + "\"", message);
            }
        }

        /// <summary>Fails when <paramref name="value"/> contains <paramref name="notExpected"/> (spelling as in the device framework).</summary>
        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected != null && value.Contains(notExpected, StringComparison.Ordinal))
            {
                Fail("DoesNotContains", "\"" + value + "\" contains \"" + notExpected + "\"", message);
            }
        }

        /// <summary>Fails unless <paramref name="action"/> throws exactly <paramref name="exception"/> (not a derived type).</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() != exception)
                {
                    Fail("ThrowsException", "expected " + exception.Name + ", got " + e.GetType().Name + ": " + e.Message, message);
                }

                return;
            }

            Fail("ThrowsException", "expected " + exception.Name + ", nothing was thrown", message);
        }

        /// <summary>Skips the running test.</summary>
        /// <param name="message">Why.</param>
        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        internal static void Fail(string assertion, string detail, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + detail + (string.IsNullOrEmpty(message) ? string.Empty : " (" + message + ")"));
        }
    }

    /// <summary>Assertions over collections; <c>byte[]</c> compares element by element here.</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        /// <summary>Fails unless the collections have equal counts and equal elements in order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            if (expected.Count != actual.Count)
            {
                Assert.Fail("CollectionAssert.AreEqual", "expected " + expected.Count + " elements, got " + actual.Count, message);
            }

            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!Equals(e.Current, a.Current))
                {
                    Assert.Fail("CollectionAssert.AreEqual", "element " + index + ": expected " + e.Current + ", got " + a.Current, message);
                }

                index++;
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", collection.Count + " elements", message);
            }
        }

        /// <summary>Fails when the collection is empty.</summary>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", "no elements", message);
            }
        }
    }
}
