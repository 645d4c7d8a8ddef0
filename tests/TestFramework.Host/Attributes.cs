using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds tests.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
        /// <summary>Returns the attribute given (the device framework's hook for derived test attributes).</summary>
        /// <param name="testMethodAttribute">The attribute of a test method.</param>
        public TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) => testMethodAttribute;
    }

    /// <summary>Marks a public test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Marks a method run once before the tests of its class.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Marks a method run once after the tests of its class.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>Runs the method once per row with the given arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>Creates a row.</summary>
        /// <param name="methodParameters">The arguments, primitives and strings.</param>
        public DataRowAttribute(params object[] methodParameters)
        {
            if (methodParameters == null || methodParameters.Length == 0)
            {
                throw new ArgumentException("a data row needs values", nameof(methodParameters));
            }

            MethodParameters = methodParameters;
        }

        /// <summary>The arguments of this row.</summary>
        public object[] MethodParameters { get; }
    }

    /// <summary>What the device launcher uses to tell test attributes from data rows.</summary>
    public static class Helper
    {
        /// <summary>The attributes without TestMethodAttribute when a DataRowAttribute is among them.</summary>
        /// <param name="attribs">A method's attributes.</param>
        public static object[] RemoveTestMethodIfDataRowExists(this object[] attribs)
        {
            bool hasDataRow = false;
            int kept = 0;
            foreach (object attribute in attribs)
            {
                hasDataRow |= attribute is DataRowAttribute;
            }

            object[] result = new object[attribs.Length];
            foreach (object attribute in attribs)
            {
                if (!(hasDataRow && attribute is TestMethodAttribute))
                {
                    result[kept++] = attribute;
                }
            }

            Array.Resize(ref result, kept);
            return result;
        }
    }

    /// <summary>Thrown by <see cref="Assert.SkipTest"/>.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">Why the test is skipped.</param>
        /// <param name="innerException">Optional cause.</param>
        public SkipTestException(string message = null, Exception innerException = null)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Writes test output to the console, as on the device.</summary>
    public static class OutputHelper
    {
        /// <summary>Writes text.</summary>
        /// <param name="message">The text.</param>
        public static void Write(string message) => Console.Write(message);

        /// <summary>Writes a line.</summary>
        /// <param name="message">The text.</param>
        public static void WriteLine(string message) => Console.WriteLine(message);
    }
}

namespace TestFrameworkShared
{
    /// <summary>Thrown when an assertion fails (this namespace, as in the device framework).</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AssertFailedException()
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="msg">What failed.</param>
        public AssertFailedException(string msg)
            : base(msg)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="msg">What failed.</param>
        /// <param name="ex">The cause.</param>
        public AssertFailedException(string msg, Exception ex)
            : base(msg, ex)
        {
        }
    }
}
