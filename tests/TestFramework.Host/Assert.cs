using System;
using System.Collections;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of the nanoFramework.TestFramework that ../shared/nanoclr runs: the same
    /// overloads (one per primitive type, so a call that is ambiguous on the device is ambiguous
    /// here), the same names and defaults. TestFrameworkImitationTests compares the two.
    /// </summary>
    public sealed class Assert
    {
        /// <summary>Not used: every member is static (the device class has a public constructor too).</summary>
        public Assert()
        {
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("AreEqual", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("AreNotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the arrays hold equal elements in order.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(Array expected, Array actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!TestExtensions.SequenceEqual(expected, actual))
            {
                Fail("Equal", "arrays differ", message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreEqual.")]
        public static void Equal(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Same(expected, actual))
            {
                Fail("Equal", "expected " + Show(expected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the arrays hold equal elements in order.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(Array notExpected, Array actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (TestExtensions.SequenceEqual(notExpected, actual))
            {
                Fail("NotEqual", "arrays are equal", message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails when the values are equal.</summary>
        [Obsolete("Obsolete on the device too: use AreNotEqual.")]
        public static void NotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Same(notExpected, actual))
            {
                Fail("NotEqual", "not expected " + Show(notExpected) + ", got " + Show(actual), message);
            }
        }

        /// <summary>Fails unless the condition holds.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("IsTrue", "was false", message);
            }
        }

        /// <summary>Fails unless the condition holds.</summary>
        [Obsolete("Obsolete on the device too: use IsTrue.")]
        public static void True(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("True", "was false", message);
            }
        }

        /// <summary>Fails when the condition holds.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("IsFalse", "was true", message);
            }
        }

        /// <summary>Fails when the condition holds.</summary>
        [Obsolete("Obsolete on the device too: use IsFalse.")]
        public static void False(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("False", "was true", message);
            }
        }

        /// <summary>Fails unless the value is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("IsNull", "was " + Show(value), message);
            }
        }

        /// <summary>Fails unless the value is null.</summary>
        [Obsolete("Obsolete on the device too: use IsNull.")]
        public static void Null(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("Null", "was " + Show(value), message);
            }
        }

        /// <summary>Fails when the value is null.</summary>
        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("IsNotNull", "was null", message);
            }
        }

        /// <summary>Fails when the value is null.</summary>
        [Obsolete("Obsolete on the device too: use IsNotNull.")]
        public static void NotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("NotNull", "was null", message);
            }
        }

        /// <summary>Fails unless both are the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("AreSame", "not the same object", message);
            }
        }

        /// <summary>Fails unless both are the same object.</summary>
        [Obsolete("Obsolete on the device too: use AreSame.")]
        public static void Same(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Same", "not the same object", message);
            }
        }

        /// <summary>Fails when both are the same object.</summary>
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("AreNotSame", "the same object", message);
            }
        }

        /// <summary>Fails when both are the same object.</summary>
        [Obsolete("Obsolete on the device too: use AreNotSame.")]
        public static void NotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("NotSame", "the same object", message);
            }
        }

        /// <summary>Fails unless the text contains the expected part.</summary>
        public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || value.IndexOf(expected, StringComparison.Ordinal) < 0)
            {
                Fail("Contains", Show(value) + " does not contain " + Show(expected), message);
            }
        }

        /// <summary>Fails when the text contains the part (spelling as on the device).</summary>
        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected != null && value.IndexOf(notExpected, StringComparison.Ordinal) >= 0)
            {
                Fail("DoesNotContains", Show(value) + " contains " + Show(notExpected), message);
            }
        }

        /// <summary>Fails unless the text starts with the expected part.</summary>
        public static void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.StartsWith(expected, StringComparison.Ordinal))
            {
                Fail("StartsWith", Show(value) + " does not start with " + Show(expected), message);
            }
        }

        /// <summary>Fails unless the text ends with the expected part.</summary>
        public static void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || expected == null || !value.EndsWith(expected, StringComparison.Ordinal))
            {
                Fail("EndsWith", Show(value) + " does not end with " + Show(expected), message);
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        [Obsolete("Obsolete on the device too: use CollectionAssert.Empty.")]
        public static void Empty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
        {
            if (collection.Count != 0)
            {
                Fail("Empty", collection.Count + " elements", message);
            }
        }

        /// <summary>Fails when the collection is empty.</summary>
        [Obsolete("Obsolete on the device too: use CollectionAssert.NotEmpty.")]
        public static void NotEmpty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "")
        {
            if (collection.Count == 0)
            {
                Fail("NotEmpty", "no elements", message);
            }
        }

        /// <summary>Fails unless the value is of the type or derives from it.</summary>
        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || !expected.IsInstanceOfType(value))
            {
                Fail("IsInstanceOfType", Show(value) + " is not a " + expected.Name, message);
            }
        }

        /// <summary>Fails when the value is of the type or derives from it.</summary>
        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && notExpected.IsInstanceOfType(value))
            {
                Fail("IsNotInstanceOfType", Show(value) + " is a " + notExpected.Name, message);
            }
        }

        /// <summary>Fails unless the value is of the type or derives from it.</summary>
        [Obsolete("Obsolete on the device too: use IsInstanceOfType.")]
        public static void IsType(Type expectedType, object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || !expectedType.IsInstanceOfType(value))
            {
                Fail("IsType", Show(value) + " is not a " + expectedType.Name, message);
            }
        }

        /// <summary>Fails when the value is of the type or derives from it.</summary>
        [Obsolete("Obsolete on the device too: use IsNotInstanceOfType.")]
        public static void IsNotType(Type wrongType, object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && wrongType.IsInstanceOfType(value))
            {
                Fail("IsNotType", Show(value) + " is a " + wrongType.Name, message);
            }
        }

        /// <summary>Fails unless <paramref name="action"/> throws <paramref name="exceptionType"/> or a type derived from it.</summary>
        [Obsolete("Obsolete on the device too: use ThrowsException.")]
        public static void Throws(Type exceptionType, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            Expect("Throws", exceptionType, action, false, message);
        }

        /// <summary>Fails unless <paramref name="action"/> throws exactly <paramref name="exception"/> (not a derived type).</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            Expect("ThrowsException", exception, action, true, message);
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

        private static void Expect(string assertion, Type expected, Action action, bool exact, string message)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (exact ? e.GetType() != expected : !expected.IsInstanceOfType(e))
                {
                    Fail(assertion, "expected " + expected.Name + ", got " + e.GetType().Name + ": " + e.Message, message);
                }

                return;
            }

            Fail(assertion, "expected " + expected.Name + ", nothing was thrown", message);
        }

        // Object.Equals, as the device framework compares (arrays compare by reference).
        private static bool Same(object expected, object actual) =>
            expected is string s ? string.Equals(s, actual as string, StringComparison.Ordinal) : Equals(expected, actual);

        private static string Show(object value) => value == null ? "(null)" : value is string s ? "\"" + s + "\"" : value.ToString();
    }
}
