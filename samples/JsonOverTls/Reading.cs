#if NANOFRAMEWORK_1_0
using nanoFramework.Json;
#else
using System.Text.Json;
#endif

namespace JsonOverTlsSample
{
    /// <summary>The document the endpoint serves: <c>{"station":"roof","celsius":21.5,"samples":3}</c>.</summary>
    public class Reading
    {
        /// <summary>Where it was measured.</summary>
        public string Station { get; set; }

        /// <summary>The temperature in degrees Celsius.</summary>
        public double Celsius { get; set; }

        /// <summary>How many samples it averages.</summary>
        public int Samples { get; set; }

        /// <summary>Parses the document; JSON's camelCase names match the properties without regard to case.</summary>
        public static Reading Parse(string json)
        {
#if NANOFRAMEWORK_1_0
            var options = new JsonSerializerOptions();
            options.PropertyNameCaseInsensitive = true;
            return (Reading)JsonConvert.DeserializeObject(json, typeof(Reading), options);
#else
            // The desktop build of the sample (API drift check) parses with System.Text.Json.
            return JsonSerializer.Deserialize<Reading>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
#endif
        }
    }
}
