using System;
using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions over collections, element by element in order.</summary>
    public sealed class CollectionAssert
    {
        /// <summary>Not used: every member is static (the device class has a public constructor too).</summary>
        public CollectionAssert()
        {
        }

        /// <summary>Fails unless the collections have equal counts and equal elements in order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string difference = Difference(expected, actual);
            if (difference != null)
            {
                Assert.Fail("CollectionAssert.AreEqual", difference, message);
            }
        }

        /// <summary>Fails when the collections have equal counts and equal elements in order.</summary>
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Difference(notExpected, actual) == null)
            {
                Assert.Fail("CollectionAssert.AreNotEqual", "the collections are equal", message);
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

        private static string Difference(ICollection expected, ICollection actual)
        {
            if (expected == null || actual == null)
            {
                return expected == actual ? null : "one collection is null";
            }

            if (expected.Count != actual.Count)
            {
                return "expected " + expected.Count + " elements, got " + actual.Count;
            }

            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            for (int index = 0; e.MoveNext() && a.MoveNext(); index++)
            {
                if (!Equals(e.Current, a.Current))
                {
                    return "element " + index + ": expected " + e.Current + ", got " + a.Current;
                }
            }

            return null;
        }
    }

    /// <summary>Helpers the device framework offers to tests.</summary>
    public static class TestExtensions
    {
        /// <summary>True when both arrays have the same length and equal elements in order.</summary>
        /// <param name="a">First array.</param>
        /// <param name="b">Second array.</param>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!Equals(a.GetValue(i), b.GetValue(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
