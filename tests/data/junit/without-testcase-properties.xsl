<?xml version="1.0" encoding="UTF-8"?>
<!--
  without-testcase-properties.xsl: removes the <properties> that ptest writes on a flaky
  <testcase> when a profile sets junit.flaky-properties = true. Neither ptest-junit.xsd nor
  junit-10.xsd allows properties on a testcase, so ptest's tests check such a report in two steps:
  the properties themselves, then the rest of the report, after this stylesheet, against both
  schemas. Written for the ptest project.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="testcase/properties"/>
</xsl:stylesheet>
